package dev.wenku.gateway.security;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Bearer tokens the gateway itself vouches for: session tokens from the web UI's log-in ({@code wks_...}, kept in a
 * {@link SessionStore}, each for {@code session-lifetime}, or less when unused for {@code session-idle-timeout}) and
 * configured API tokens for scripts ({@code wkt_...}). Only SHA-256 digests of tokens are stored, so neither a heap
 * dump, the database nor the configuration reveals a usable token.
 *
 * <p>The store is bounded without letting one account push others out: an account has at most
 * {@code max-sessions-per-user} sessions (a new log-in ends its own oldest), and when the whole store is full of live
 * sessions a log-in is refused (429) rather than ending someone else's. Session calls may block on the store.
 */
final class AccessTokens {

    static final String SESSION_PREFIX = "wks_";
    static final String API_PREFIX = "wkt_";

    /** Who a token speaks for, until when. */
    record Grant(String username, List<String> roles, Instant expiresAt) {
    }

    /** A new session's token and what it grants. */
    record Issued(String token, Grant grant) {
    }

    private final SecureRandom random = new SecureRandom();
    private final SessionStore sessions;
    private final Map<String, Grant> apiTokens;
    private final SecurityProperties properties;
    private final SessionStore.Limits limits;
    private final Clock clock;

    /** Sessions in this gateway's memory. */
    AccessTokens(SecurityProperties properties, Clock clock) {
        this(properties, new MemorySessions(), clock);
    }

    AccessTokens(SecurityProperties properties, SessionStore sessions, Clock clock) {
        this.properties = properties;
        this.limits = new SessionStore.Limits(properties.maxSessions(), properties.maxSessionsPerUser(),
            properties.sessionIdleTimeout());
        this.sessions = sessions;
        this.clock = clock;
        this.apiTokens = properties.apiTokens().stream().filter(t -> t.sha256() != null && !t.sha256().isBlank())
            .collect(Collectors.toUnmodifiableMap(t -> t.sha256().strip().toLowerCase(),
                t -> new Grant(t.name() == null ? "api-token" : t.name(), t.roles(), Instant.MAX)));
    }

    static boolean isOurs(String token) {
        return token.startsWith(SESSION_PREFIX) || token.startsWith(API_PREFIX);
    }

    /**
     * A new session token for a user who has just proved who they are.
     *
     * @throws ApiException 429 when the store is full of other accounts' live sessions, 503 when it cannot be reached
     */
    Issued issue(String username, List<String> roles) {
        Instant now = clock.instant();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = SESSION_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Grant grant = new Grant(username, List.copyOf(roles), now.plus(properties.sessionLifetime()));
        if (!orUnavailable(() -> sessions.add(sha256(token), grant, now, limits))) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "Too many sessions are open; try again later or use an API"
                + " token.");
        }
        return new Issued(token, grant);
    }

    /**
     * The grant of a live token, if it is one.
     *
     * @throws SessionStoreUnavailableException when a session token cannot be checked
     */
    Optional<Grant> find(String token) {
        String digest = sha256(token);
        if (token.startsWith(API_PREFIX)) {
            return Optional.ofNullable(apiTokens.get(digest));
        }
        return sessions.use(digest, clock.instant(), properties.sessionIdleTimeout());
    }

    /**
     * Ends the session of {@code token} on every gateway sharing the store.
     *
     * @throws ApiException 503 when the store cannot be reached (the session is not ended)
     */
    void revoke(String token) {
        orUnavailable(() -> {
            sessions.remove(sha256(token));
            return null;
        });
    }

    /** A store call whose failure is the caller's 503 (log-in, log-out: answered by the controller, not security). */
    private static <T> T orUnavailable(Supplier<T> call) {
        try {
            return call.get();
        } catch (SessionStoreUnavailableException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, SessionStoreUnavailableException.MESSAGE);
        }
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
