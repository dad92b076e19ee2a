package dev.wenku.gateway.security;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.util.AntPathMatcher;

/**
 * Who may call what. Readers (anonymous) read (GET or HEAD): the web UI, searches, suggestions, reading views, the
 * theme list; anyone reaches the health probes ({@link HealthProbes}). Editors (and operators) change documents and
 * the analysis model. Only operators reach the operations view, indexing control, re-analysis and the actuator
 * (health details per component included). The OpenAPI descriptions and Swagger UI are public
 * (they describe the API, they do not call it: Swagger UI's requests carry the token its user gives it). Anything not
 * listed here is refused to everyone (deny by default): a path a service adds is not reachable until a rule says
 * who may call it.
 */
final class AccessRules {

    private static final String[] OPERATOR_PATHS = {"/api/operations/**", "/api/search/indexing", "/api/search/indexing/**",
        "/api/analysis/reanalysis", "/api/analysis/reanalysis/**", "/actuator/**"};
    /** What anyone may read, with GET or HEAD (a HEAD is a GET without the body, so it is allowed where GET is). */
    private static final String[] PUBLIC_READS = {"/", "/*.html", "/*.js", "/*.css", "/*.svg", "/*.ico", "/*.png",
        "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**", "/api/search", "/api/search/suggest",
        "/api/documents/*/reading", "/api/documents/*/related", "/api/themes"};
    private static final AntPathMatcher MATCHER = new AntPathMatcher();

    private AccessRules() {
    }

    static void apply(AuthorizeExchangeSpec rules) {
        for (HttpMethod read : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
            rules.pathMatchers(read, PUBLIC_READS).permitAll();
        }
        rules
            .pathMatchers(HealthProbes.PATHS.toArray(String[]::new)).permitAll()
            .pathMatchers("/fallback/**").permitAll()
            .pathMatchers(HttpMethod.POST, "/api/session").permitAll()
            .pathMatchers(HttpMethod.GET, "/actuator/prometheus").hasAnyRole(Roles.OPERATOR, Roles.METRICS)
            .pathMatchers(OPERATOR_PATHS).hasRole(Roles.OPERATOR)
            .pathMatchers("/api/documents", "/api/documents/**", "/api/imports", "/api/imports/**", "/api/analysis/**",
                "/api/themes", "/api/themes/**")
            .hasAnyRole(Roles.EDITOR, Roles.OPERATOR)
            .pathMatchers("/api/session").authenticated()
            .anyExchange().denyAll();
    }

    static boolean isOperatorPath(String path) {
        for (String pattern : OPERATOR_PATHS) {
            if (MATCHER.match(pattern, path)) {
                return true;
            }
        }
        return false;
    }
}
