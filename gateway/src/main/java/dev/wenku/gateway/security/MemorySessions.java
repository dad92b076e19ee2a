package dev.wenku.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions in this gateway's memory: enough for one gateway; they end when it stops. */
final class MemorySessions implements SessionStore {

    /** A session: its grant, and when it was last used (for the idle timeout). */
    private static final class Session {

        private final AccessTokens.Grant grant;
        private volatile Instant lastUsed;

        Session(AccessTokens.Grant grant, Instant now) {
            this.grant = grant;
            this.lastUsed = now;
        }

        boolean expired(Instant now, Duration idleTimeout) {
            return !SessionStore.live(grant.expiresAt(), lastUsed, now, idleTimeout);
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    @Override
    public synchronized boolean add(String digest, AccessTokens.Grant grant, Instant now, Limits limits) {
        endOldestBeyond(grant.username(), limits.maxSessionsPerUser() - 1);
        if (sessions.size() >= limits.maxSessions()) {
            sessions.values().removeIf(session -> session.expired(now, limits.idleTimeout()));
        }
        if (sessions.size() >= limits.maxSessions()) {
            return false;
        }
        sessions.put(digest, new Session(grant, now));
        return true;
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

    @Override
    public Optional<AccessTokens.Grant> use(String digest, Instant now, Duration idleTimeout) {
        Session session = sessions.get(digest);
        if (session == null) {
            return Optional.empty();
        }
        if (session.expired(now, idleTimeout)) {
            sessions.remove(digest, session);
            return Optional.empty();
        }
        session.lastUsed = now;
        return Optional.of(session.grant);
    }

    @Override
    public void remove(String digest) {
        sessions.remove(digest);
    }
}
