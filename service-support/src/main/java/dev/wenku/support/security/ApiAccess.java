package dev.wenku.support.security;

import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * Who may call which part of the API: one table that the gateway (at the edge) and every service (behind it, in
 * case something reaches a service around the gateway) both enforce. Paths that exist only at the edge — the web UI,
 * log-in, health probes — are the gateway's own rules; anything in neither is refused (deny by default).
 */
public final class ApiAccess {

    /** Who a rule lets in. */
    public enum Who {
        /** Anyone: anonymous readers at the gateway; at a service, any request the gateway signed. */
        ANYONE,
        /** Editors and operators. */
        EDITORS,
        /** Operators only. */
        OPERATORS
    }

    /**
     * One rule.
     *
     * @param methods the methods it covers, all when empty
     * @param paths   Ant-style path patterns
     * @param who     who may call them
     */
    public record Rule(List<HttpMethod> methods, List<String> paths, Who who) {

        public String[] patterns() {
            return paths.toArray(String[]::new);
        }
    }

    /** Reads: a HEAD is a GET without the body, so it is allowed where GET is. */
    public static final List<HttpMethod> READS = List.of(HttpMethod.GET, HttpMethod.HEAD);
    private static final List<HttpMethod> ALL = List.of();

    /** The rules, first match wins: public reads, then operators' paths, then editors'. */
    public static final List<Rule> RULES = List.of(
        new Rule(READS, List.of("/api/search", "/api/search/suggest", "/api/documents/*/reading",
            "/api/documents/*/related", "/api/documents/*/passages/*/similar", "/api/themes", "/v3/api-docs",
            "/v3/api-docs/**"), Who.ANYONE),
        new Rule(ALL, List.of("/api/operations/**", "/api/search/indexing", "/api/search/indexing/**",
            "/api/search/embeddings/**", "/api/analysis/reanalysis", "/api/analysis/reanalysis/**"), Who.OPERATORS),
        new Rule(ALL, List.of("/api/documents", "/api/documents/**", "/api/imports", "/api/imports/**",
            "/api/analysis/**", "/api/themes", "/api/themes/**"), Who.EDITORS));

    private ApiAccess() {
    }

    /** The roles a rule asks for, for {@code hasAnyRole}; empty for {@link Who#ANYONE}. */
    public static String[] roles(Who who) {
        return switch (who) {
            case ANYONE -> new String[0];
            case EDITORS -> new String[] {Roles.EDITOR, Roles.OPERATOR};
            case OPERATORS -> new String[] {Roles.OPERATOR};
        };
    }
}
