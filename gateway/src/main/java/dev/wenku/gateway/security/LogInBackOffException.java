package dev.wenku.gateway.security;

import org.springframework.security.core.AuthenticationException;

/**
 * A password check refused without being made: the account has failed too many log-ins in a row and waits. Answered
 * 429 with {@code Retry-After}, whether the account exists or not, so neither the answer nor its time tells.
 */
final class LogInBackOffException extends AuthenticationException {

    private final long retryAfterSeconds;

    LogInBackOffException(long retryAfterSeconds) {
        super("Too many failed log-ins for this account; try again in " + retryAfterSeconds + " s.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
