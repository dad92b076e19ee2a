package dev.wenku.support.identity;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is calling a service: the gateway authenticates the user and passes the account name in {@value #HEADER}
 * (removing any value the client sent), so a service can record who changed what. Work without a request (the drop
 * folder, an import) names itself.
 */
public final class Caller {

    public static final String HEADER = "X-Wenku-User";
    /** The name recorded when a request carries no account (a direct call to a service). */
    public static final String UNKNOWN = "unknown";

    private Caller() {
    }

    /** The account of the request being handled on this thread, {@value #UNKNOWN} without one, or {@code otherwise}. */
    public static String current(String otherwise) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            String name = servlet.getRequest().getHeader(HEADER);
            return name == null || name.isBlank() ? UNKNOWN : name.strip();
        }
        return otherwise;
    }
}
