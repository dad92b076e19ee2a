package dev.wenku.benchmarks;

import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.support.security.CallerTokenProperties;
import dev.wenku.support.security.CallerTokens;
import dev.wenku.support.security.Roles;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The {@code Authorization} of a request sent straight to a service of a local run, around the gateway (to measure
 * what the gateway adds): a caller token signed with the run's key, as the gateway signs one. It is valid for the
 * length of a benchmark, so a prepared request can be sent again and again.
 */
final class DirectCalls {

    private DirectCalls() {
    }

    /** As the gateway forwards an operator's request (who may call every path of every service). */
    static String operator(LocalPlatform platform) {
        CallerTokens tokens = new CallerTokens(new CallerTokenProperties(platform.callerTokenSecret(),
            Duration.ofHours(3)), Clock.systemUTC());
        return "Bearer " + tokens.sign("operator", List.of(Roles.OPERATOR, Roles.EDITOR));
    }
}
