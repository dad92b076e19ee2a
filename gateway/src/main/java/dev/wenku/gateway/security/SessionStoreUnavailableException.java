package dev.wenku.gateway.security;

import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * The session store cannot be reached: a session token can be neither checked nor issued. Answered 503 (retry
 * later), never 401, which would tell the web UI its session is over and log the user out.
 */
final class SessionStoreUnavailableException extends AuthenticationServiceException {

    static final String MESSAGE = "Sessions cannot be checked right now: the session store is unavailable; retry later"
        + " (API tokens and passwords still work).";

    SessionStoreUnavailableException(Throwable cause) {
        super(MESSAGE, cause);
    }
}
