package dev.wenku.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the web UI's sessions live ({@link AccessTokens} decides what a session is; a store only keeps them): in this
 * gateway's memory ({@link MemorySessions}, one gateway), or in PostgreSQL ({@link DatabaseSessions}), where every
 * gateway of a cluster finds a session whichever gateway issued it, and a log-out on one ends it on all. Sessions are
 * keyed by the SHA-256 of their token, never the token itself. Calls may block (a database round trip).
 */
interface SessionStore {

    /** How a store bounds itself; see {@code wenku.security.max-sessions} and {@code .max-sessions-per-user}. */
    record Limits(int maxSessions, int maxSessionsPerUser, Duration idleTimeout) {
    }

    /**
     * Stores a new session, first ending the least recently used sessions of its account beyond
     * {@code max-sessions-per-user - 1}.
     *
     * @return false, storing nothing, when the store holds {@code max-sessions} live sessions even after expired ones
     *         were dropped
     */
    boolean add(String digest, AccessTokens.Grant grant, Instant now, Limits limits);

    /**
     * The session's grant if it is still live (not past its lifetime, used within the idle timeout), noting that it
     * was used now; an expired session is removed.
     */
    Optional<AccessTokens.Grant> use(String digest, Instant now, Duration idleTimeout);

    /** Ends the session, wherever it was issued. */
    void remove(String digest);

    /** The one rule of both stores: a session lives until its lifetime is up or it stays unused for the idle timeout. */
    static boolean live(Instant expiresAt, Instant lastUsed, Instant now, Duration idleTimeout) {
        return expiresAt.isAfter(now) && lastUsed.plus(idleTimeout).isAfter(now);
    }
}
