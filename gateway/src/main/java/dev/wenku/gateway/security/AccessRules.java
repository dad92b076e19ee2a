package dev.wenku.gateway.security;

import dev.wenku.support.security.ApiAccess;
import dev.wenku.support.security.Roles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.util.AntPathMatcher;

/**
 * Who may call what at the edge: the API's rules are {@link ApiAccess}, which every service enforces too; here they
 * are joined by the edge's own. Anyone reads the web UI, the OpenAPI descriptions and Swagger UI (they describe the
 * API, they do not call it: Swagger UI's requests carry the token its user gives it) and reaches the health probes
 * ({@link HealthProbes}) and the log-in. Only operators reach the gateway's actuator (health details per component
 * included); its metrics also the METRICS role. Anything not listed is refused to everyone (deny by default): a path
 * a service adds is not reachable until a rule says who may call it.
 */
final class AccessRules {

    private static final String[] EDGE_READS = {"/", "/*.html", "/*.js", "/*.css", "/*.svg", "/*.ico", "/*.png",
        "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"};
    private static final AntPathMatcher MATCHER = new AntPathMatcher();

    private AccessRules() {
    }

    static void apply(AuthorizeExchangeSpec rules) {
        for (HttpMethod read : ApiAccess.READS) {
            rules.pathMatchers(read, EDGE_READS).permitAll();
        }
        rules
            .pathMatchers(HealthProbes.PATHS.toArray(String[]::new)).permitAll()
            .pathMatchers("/fallback/**").permitAll()
            .pathMatchers(HttpMethod.POST, "/api/session").permitAll()
            .pathMatchers("/api/session").authenticated()
            .pathMatchers(HttpMethod.GET, "/actuator/prometheus").hasAnyRole(Roles.OPERATOR, Roles.METRICS)
            .pathMatchers("/actuator/**").hasRole(Roles.OPERATOR);
        for (ApiAccess.Rule rule : ApiAccess.RULES) {
            if (rule.methods().isEmpty()) {
                allow(rules.pathMatchers(rule.patterns()), rule.who());
            } else {
                rule.methods().forEach(method -> allow(rules.pathMatchers(method, rule.patterns()), rule.who()));
            }
        }
        rules.anyExchange().denyAll();
    }

    private static void allow(AuthorizeExchangeSpec.Access access, ApiAccess.Who who) {
        if (who == ApiAccess.Who.ANYONE) {
            access.permitAll();
        } else {
            access.hasAnyRole(ApiAccess.roles(who));
        }
    }

    /** Whether only operators may call {@code path} (to name the missing role in a 403). */
    static boolean isOperatorPath(String path) {
        if (MATCHER.match("/actuator/**", path)) {
            return true;
        }
        return ApiAccess.RULES.stream().filter(rule -> rule.who() == ApiAccess.Who.OPERATORS)
            .flatMap(rule -> rule.paths().stream()).anyMatch(pattern -> MATCHER.match(pattern, path));
    }
}
