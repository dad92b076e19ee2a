package dev.wenku.support.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;

/**
 * Builds the RFC 9457 problem documents of the platform: {@code type}, {@code title} (in the caller's language),
 * {@code status}, {@code detail}, {@code instance} (the request's path), plus {@code error} (the code of the
 * {@link ErrorCode catalogue}) and {@code requestId} (the id the logs carry, to find the request there).
 */
public final class Problems {

    /** Seconds a client is asked to wait before retrying a {@link ErrorCode#retryable() retryable} answer. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private static final List<Locale> TITLE_LANGUAGES = List.of(Locale.ENGLISH, Locale.CHINESE);

    private Problems() {
    }

    /**
     * @param acceptLanguage the request's {@code Accept-Language} (null when absent): Chinese titles for callers
     *                       who prefer Chinese, English otherwise
     * @param path           the request's path, as {@code instance}; null to leave it out
     * @param requestId      the request's id, as {@code requestId}; null to leave it out
     */
    public static ProblemDetail of(ErrorCode code, String detail, String acceptLanguage, String path,
                                   String requestId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
        problem.setType(URI.create(code.type()));
        problem.setTitle(code.title(language(acceptLanguage)));
        if (path != null) {
            problem.setInstance(URI.create(path.replace(" ", "%20")));
        }
        problem.setProperty("error", code.code());
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    public static ProblemDetail of(ApiException e, String acceptLanguage, String path, String requestId) {
        ProblemDetail problem = of(e.code(), e.getMessage(), acceptLanguage, path, requestId);
        for (Map.Entry<String, Object> property : e.properties().entrySet()) {
            problem.setProperty(property.getKey(), property.getValue());
        }
        return problem;
    }

    /**
     * The document as JSON members in RFC 9457's order, extension members at the top level, for writers that have no
     * Spring message converter (filters, the reactive writer).
     */
    public static Map<String, Object> members(ProblemDetail problem) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", problem.getType().toString());
        members.put("title", problem.getTitle());
        members.put("status", problem.getStatus());
        members.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            members.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            members.putAll(problem.getProperties());
        }
        return members;
    }

    /** Headers that go with an answer of this code ({@code Retry-After} for retryable ones). */
    public static HttpHeaders headers(ErrorCode code) {
        HttpHeaders headers = new HttpHeaders();
        if (code.retryable()) {
            headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return headers;
    }

    /** The language of the titles for an {@code Accept-Language} header: the caller's preferred of English and Chinese. */
    static Locale language(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), TITLE_LANGUAGES);
            return best == null ? Locale.ENGLISH : best;
        } catch (IllegalArgumentException malformed) {
            return Locale.ENGLISH;
        }
    }
}
