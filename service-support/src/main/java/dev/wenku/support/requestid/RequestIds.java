package dev.wenku.support.requestid;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id convention shared by the servlet and reactive filters (and free of either stack): the header, the
 * MDC key, and which ids a caller may choose.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    /** The caller's id when it is a token of 1 to 64 letters, digits, dots, underscores or hyphens; else a new one. */
    public static String keepOrCreate(String given) {
        return given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }
}
