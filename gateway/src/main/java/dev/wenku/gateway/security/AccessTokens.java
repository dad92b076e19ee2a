package dev.wenku.gateway.security;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Bearer tokens the gateway itself vouches for: session tokens from the web UI's log-in ({@code wks_...}, kept in
 * memory, each for {@code session-lifetime}, or less when unused for {@code session-idle-timeout}) and configured API
 * tokens for scripts ({@code wkt_...}). Only SHA-256 digests of tokens are stored, so neither a heap dump nor the
 * configuration reveals a usable token.
 *
 * <p>The store is bounded without letting one account push others out: an account has at most
 * {@code max-sessions-per-user} sessions (a new log-in ends its own oldest), and when the whole store is full of live
 * sessions a log-in is refused (429) rather than ending someone else's.
 */
final class AccessTokens {

    static final String SESSION_PREFIX = "wks_";
    static final String API_PREFIX = "wkt_";

    /** Who a token speaks for, until when. */
    record Grant(String username, List<String> roles, Instant expiresAt) {
    }

    /** A session: its grant, and when it was last used (for the idle timeout). */
    private static final class Session {

        private final Grant grant;
        private volatile Instant lastUsed;

        Session(Grant grant, Instant now) {
            this.grant = grant;
            this.lastUsed = now;
        }

        boolean expired(Instant now, Duration idleTimeout) {
            return !grant.expiresAt().isAfter(now) || !lastUsed.plus(idleTimeout).isAfter(now);
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Grant> apiTokens;
    private final SecurityProperties properties;
    private final Clock clock;

    AccessTokens(SecurityProperties properties, Clock clock) {
        this.properties = properties;
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
     * @throws ApiException 429 when the store is full of other accounts' live sessions
     */
    synchronized String issue(String username, List<String> roles) {
        Instant now = clock.instant();
        endOldestBeyond(username, properties.maxSessionsPerUser() - 1);
        if (sessions.size() >= properties.maxSessions()) {
            sessions.values().removeIf(session -> session.expired(now, properties.sessionIdleTimeout()));
        }
        if (sessions.size() >= properties.maxSessions()) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "Too many sessions are open; try again later or use an API"
                + " token.");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = SESSION_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        sessions.put(sha256(token), new Session(new Grant(username, List.copyOf(roles),
            now.plus(properties.sessionLifetime())), now));
        return token;
    }

    /** Ends the least recently used sessions of {@code username} until it has at most {@code keep}. */
    private void endOldestBeyond(String username, int keep) {
        List<Map.Entry<String, Session>> own = sessions.entrySet().stream()
            .filter(e -> e.getValue().grant.username().equals(username))
            .sorted(Comparator.comparing((Map.Entry<String, Session> e) -> e.getValue().lastUsed))
            .toList();
        for (int i = 0; i < own.size() - Math.max(0, keep); i++) {
            sessions.remove(own.get(i).getKey());
        }
    }

    Optional<Grant> find(String token) {
        String digest = sha256(token);
        if (token.startsWith(API_PREFIX)) {
            return Optional.ofNullable(apiTokens.get(digest));
        }
        Session session = sessions.get(digest);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (session.expired(now, properties.sessionIdleTimeout())) {
            sessions.remove(digest, session);
            return Optional.empty();
        }
        session.lastUsed = now;
        return Optional.of(session.grant);
    }

    Optional<Instant> expiry(String token) {
        return find(token).map(Grant::expiresAt);
    }

    void revoke(String token) {
        sessions.remove(sha256(token));
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
