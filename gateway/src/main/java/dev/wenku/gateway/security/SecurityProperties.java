package dev.wenku.gateway.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may do what through the gateway ({@code wenku.security.*}). Readers need no account. Editors and operators
 * are configured users (or tokens); an external OAuth2/OIDC provider can be added (or used instead) by setting
 * {@code oidc.issuer-uri}.
 *
 * @param users           accounts by user name; each needs {@code password} (plain text, normally from an
 *                        environment variable such as {@code WENKU_SECURITY_USERS_EDITOR_PASSWORD}; hashed with
 *                        bcrypt at start and never kept) or {@code password-hash} (e.g. {@code {bcrypt}$2a$10$...})
 *                        and {@code roles} (READER, EDITOR, OPERATOR)
 * @param apiTokens       tokens for scripts, sent as {@code Authorization: Bearer wkt_...}; only each token's
 *                        SHA-256 (hex) is configured, never the token itself
 * @param sessionLifetime how long a token from {@code POST /api/session} (the web UI's log-in) stays valid
 * @param maxSessions     most session tokens kept at once; the oldest are dropped beyond it
 * @param oidc            an external OpenID Connect provider whose JWT access tokens are accepted as bearer tokens
 */
@ConfigurationProperties("wenku.security")
public record SecurityProperties(
    @DefaultValue Map<String, User> users,
    @DefaultValue List<ApiToken> apiTokens,
    @DefaultValue("8h") Duration sessionLifetime,
    @DefaultValue("10000") int maxSessions,
    @DefaultValue Oidc oidc) {

    /** A configured account. */
    public record User(String password, String passwordHash, @DefaultValue List<String> roles) {
    }

    /** A script's token: a name for the logs, the token's SHA-256 in hex, and its roles. */
    public record ApiToken(String name, String sha256, @DefaultValue List<String> roles) {
    }

    /**
     * @param issuerUri     the provider's issuer; its keys are found through OpenID discovery
     * @param jwkSetUri     the provider's key set, when discovery is not wanted (then {@code issuerUri} is optional
     *                      and, if set, still checked against the tokens' {@code iss})
     * @param rolesClaim    the claim holding the user's roles matched to READER, EDITOR,
     *                      OPERATOR
     * @param usernameClaim the claim naming the user
     */
    public record Oidc(URI issuerUri, URI jwkSetUri, @DefaultValue("roles") String rolesClaim,
                       @DefaultValue("preferred_username") String usernameClaim) {

        public boolean enabled() {
            return issuerUri != null || jwkSetUri != null;
        }
    }
}
