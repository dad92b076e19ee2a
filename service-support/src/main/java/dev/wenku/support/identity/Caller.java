package dev.wenku.support.identity;

import dev.wenku.support.security.CallerTokens;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who is calling a service: the account the gateway authenticated, as the verified caller token names it
 * ({@link CallerTokens}), so a service can record who changed what. Work without a request (the drop folder, an
 * import) names itself.
 */
public final class Caller {

    /** The name recorded when a request carries no account. */
    public static final String UNKNOWN = "unknown";

    private Caller() {
    }

    /** The account of the request being handled on this thread, {@value #UNKNOWN} without one, or {@code otherwise}. */
    public static String current(String otherwise) {
        if (RequestContextHolder.getRequestAttributes() == null) {
            return otherwise;
        }
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || !caller.isAuthenticated() || caller.getName() == null || caller.getName().isBlank()
                || CallerTokens.ANONYMOUS.equals(caller.getName())) {
            return UNKNOWN;
        }
        return caller.getName().strip();
    }
}
