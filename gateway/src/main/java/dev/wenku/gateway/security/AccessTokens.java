package dev.wenku.gateway.security;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Bearer tokens the gateway itself vouches for: session tokens from the web UI's log-in ({@code wks_...}, kept in
 * memory, each for {@code session-lifetime}) and configured API tokens for scripts ({@code wkt_...}). Only SHA-256
 * digests of tokens are stored, so neither a heap dump nor the configuration reveals a usable token.
 */
final class AccessTokens {

    static final String SESSION_PREFIX = "wks_";
    static final String API_PREFIX = "wkt_";

    /** Who a token speaks for, until when. */
    record Grant(String username, List<String> roles, Instant expiresAt) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> sessions = new ConcurrentHashMap<>();
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

    /** A new session token for a user who has just proved who they are. */
    String issue(String username, List<String> roles) {
        Instant now = clock.instant();
        if (sessions.size() >= properties.maxSessions()) {
            sessions.values().removeIf(grant -> grant.expiresAt().isBefore(now));
            sessions.entrySet().stream().min(Map.Entry.comparingByValue(
                    java.util.Comparator.comparing(Grant::expiresAt)))
                .ifPresent(oldest -> sessions.remove(oldest.getKey()));
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = SESSION_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        sessions.put(sha256(token), new Grant(username, List.copyOf(roles), now.plus(properties.sessionLifetime())));
        return token;
    }

    Optional<Grant> find(String token) {
        String digest = sha256(token);
        if (token.startsWith(API_PREFIX)) {
            return Optional.ofNullable(apiTokens.get(digest));
        }
        Grant grant = sessions.get(digest);
        if (grant != null && grant.expiresAt().isBefore(clock.instant())) {
            sessions.remove(digest, grant);
            return Optional.empty();
        }
        return Optional.ofNullable(grant);
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
