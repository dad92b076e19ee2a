package dev.wenku.gateway.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.util.AntPathMatcher;

/**
 * Who may call what. Readers (anonymous) read: the web UI, searches, suggestions, reading views, the theme list and
 * the health probe. Editors (and operators) change documents and the analysis model. Only operators reach the
 * operations view, indexing control, re-analysis and the actuator. The OpenAPI descriptions and Swagger UI are public
 * (they describe the API, they do not call it: Swagger UI's requests carry the token its user gives it). Anything else
 * needs an account.
 */
final class AccessRules {

    private static final String[] OPERATOR_PATHS = {"/api/operations/**", "/api/search/indexing", "/api/search/indexing/**",
        "/api/analysis/reanalysis", "/api/analysis/reanalysis/**", "/actuator/**"};
    private static final AntPathMatcher MATCHER = new AntPathMatcher();

    private AccessRules() {
    }

    static void apply(AuthorizeExchangeSpec rules) {
        rules
            .pathMatchers(HttpMethod.GET, "/", "/*.html", "/*.js", "/*.css", "/*.svg", "/*.ico", "/*.png").permitAll()
            .pathMatchers("/actuator/health", "/actuator/health/**", "/fallback/**").permitAll()
            .pathMatchers(HttpMethod.GET, "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**")
            .permitAll()
            .pathMatchers(HttpMethod.POST, "/api/session").permitAll()
            .pathMatchers(OPERATOR_PATHS).hasRole(Roles.OPERATOR)
            .pathMatchers(HttpMethod.GET, "/api/search", "/api/search/suggest", "/api/documents/*/reading",
                "/api/documents/*/related", "/api/themes").permitAll()
            .pathMatchers("/api/documents", "/api/documents/**", "/api/imports", "/api/imports/**", "/api/analysis/**",
                "/api/themes", "/api/themes/**")
            .hasAnyRole(Roles.EDITOR, Roles.OPERATOR)
            .anyExchange().authenticated();
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
