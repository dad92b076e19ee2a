package dev.wenku.gateway.security;

import java.util.Set;

/**
 * The gateway's own health probes, the only paths an orchestrator must always reach. They are exempt from rate
 * limits and answer without looking at credentials: a probe that checked a password would be a password oracle no
 * budget limits. Health details per component ({@code /actuator/health/<component>}) are not probes: operators only,
 * and rate-limited like everything else.
 */
public final class HealthProbes {

    public static final Set<String> PATHS = Set.of("/actuator/health", "/actuator/health/liveness",
        "/actuator/health/readiness");

    private HealthProbes() {
    }

    public static boolean isProbe(String path) {
        return PATHS.contains(path);
    }
}
