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
 * @param sessionIdleTimeout a session token unused for this long expires before its lifetime is up (a forgotten
 *                        browser tab does not stay logged in all day)
 * @param maxSessions     most session tokens kept at once; beyond it (after expired ones are dropped) a log-in is
 *                        refused with 429 rather than ending someone else's session
 * @param maxSessionsPerUser most session tokens of one account; its oldest is ended when it logs in once more, so no
 *                        account can fill the store
 * @param logIns          password checks: back-off after failed log-ins, and how long a verified password is trusted
 * @param oidc            an external OpenID Connect provider whose JWT access tokens are accepted as bearer tokens
 */
@ConfigurationProperties("wenku.security")
public record SecurityProperties(
    @DefaultValue Map<String, User> users,
    @DefaultValue List<ApiToken> apiTokens,
    @DefaultValue("8h") Duration sessionLifetime,
    @DefaultValue("30m") Duration sessionIdleTimeout,
    @DefaultValue("10000") int maxSessions,
    @DefaultValue("20") int maxSessionsPerUser,
    @DefaultValue LogIns logIns,
    @DefaultValue Oidc oidc) {

    /**
     * @param freeFailures failed log-ins in a row an account may have before each further attempt waits
     * @param firstBackOff the wait after the first failure beyond {@code free-failures}; it doubles with each further
     *                     failure, and a success ends it
     * @param maxBackOff   the longest wait: an account's owner is slowed down by guessers, never locked out
     * @param verifiedFor  how long a verified user name and password are accepted again without another bcrypt check
     *                     (scripts sending Basic credentials with every request)
     * @param maxTracked   most account names with failures, and most verified passwords, kept at once
     */
    public record LogIns(
        @DefaultValue("5") int freeFailures,
        @DefaultValue("1s") Duration firstBackOff,
        @DefaultValue("15m") Duration maxBackOff,
        @DefaultValue("1m") Duration verifiedFor,
        @DefaultValue("10000") int maxTracked) {
    }

    /** A configured account. */
    public record User(String password, String passwordHash, @DefaultValue List<String> roles) {
    }

    /** A script's token: a name for the logs, the token's SHA-256 in hex, and its roles. */
    public record ApiToken(String name, String sha256, @DefaultValue List<String> roles) {
    }

    /**
     * @param issuerUri         the provider's issuer, required: every token's {@code iss} must be it, and its keys are
     *                          found through OpenID discovery unless {@code jwk-set-uri} is set
     * @param jwkSetUri         the provider's key set, when discovery is not wanted
     * @param audiences         the audiences this platform answers to, required: a token's {@code aud} must name one
     *                          of them, so a token the provider issued for another application is refused here
     * @param authorizedParties the clients whose tokens are accepted: a token with an {@code azp} claim must name
     *                          one of them (empty: any client of an accepted audience)
     * @param rolesClaim        the claim holding the user's roles matched to READER, EDITOR, OPERATOR
     * @param usernameClaim     the claim naming the user
     */
    public record Oidc(URI issuerUri, URI jwkSetUri, @DefaultValue List<String> audiences,
                       @DefaultValue List<String> authorizedParties, @DefaultValue("roles") String rolesClaim,
                       @DefaultValue("preferred_username") String usernameClaim) {

        public Oidc {
            if ((issuerUri != null || jwkSetUri != null) && (issuerUri == null || audiences.isEmpty())) {
                throw new IllegalArgumentException("An OIDC provider needs wenku.security.oidc.issuer-uri and"
                    + " wenku.security.oidc.audiences: tokens of any issuer, or issued for any application, would"
                    + " be accepted otherwise.");
            }
        }

        public boolean enabled() {
            return issuerUri != null;
        }
    }
}
