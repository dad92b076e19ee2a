package dev.wenku.search.query;

import dev.wenku.search.index.DocumentIndex;
import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;

/**
 * A reader's search: {@code q} in the reader's query syntax ({@link UserQuery}), optional facet filters (theme,
 * keyword, entity, author), paging, whether a query that finds nothing may be corrected ({@code correct}), order
 * ({@code relevance} or {@code date}, newest first), and {@code mode} ({@link SearchMode}; null for the platform's
 * default).
 */
public record SearchRequest(String q, String theme, String keyword, String entity, String author, int from, int size,
                            String sort, boolean correct, String mode) {

    /** A search whose query is corrected when it finds nothing, in the default mode. */
    public SearchRequest(String q, String theme, String keyword, String entity, String author, int from, int size,
                         String sort) {
        this(q, theme, keyword, entity, author, from, size, sort, true, null);
    }

    /**
     * The mode this search runs in: the one asked for, or hybrid where passage vectors exist ({@code semantic}) and
     * lexical where they do not.
     *
     * @throws ApiException a mode that is none of them, or a semantic or hybrid search where there are no vectors
     */
    SearchMode mode(boolean semanticAvailable) {
        return SearchMode.asked(mode, semanticAvailable ? SearchMode.HYBRID : null);
    }

    private static final int MAX_QUERY_LENGTH = 200;

    public boolean byDate() {
        return "date".equals(sort);
    }

    /**
     * Checks the request before Elasticsearch is asked, so that a request it would refuse (or that would cost it
     * needlessly) is answered with a problem naming the parameter and its limit.
     *
     * @param maxPageSize the largest {@code size} allowed
     * @throws ApiException a missing or too long query, or a {@code from}, {@code size} or {@code sort} out of range
     */
    void validate(int maxPageSize) {
        if (q == null || q.isBlank()) {
            throw new ApiException(ErrorCode.MISSING_QUERY, "Give the words to search for in the q parameter.");
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            throw new ApiException(ErrorCode.QUERY_TOO_LONG, "The query has " + q.length()
                + " characters; the limit is " + MAX_QUERY_LENGTH + ".");
        }
        if (from < 0) {
            throw ApiException.invalidParameter("from", "from must be 0 or more, got " + from + ".");
        }
        if (size < 1 || size > maxPageSize) {
            throw ApiException.invalidParameter("size", "size must be between 1 and " + maxPageSize + ", got " + size
                + ".");
        }
        if ((long) from + size > DocumentIndex.MAX_RESULT_WINDOW) {
            throw ApiException.invalidParameter("from", "from + size must be at most " + DocumentIndex.MAX_RESULT_WINDOW
                + " (the deepest a search reaches), got " + from + " + " + size + ".");
        }
        if (sort != null && !sort.equals("relevance") && !sort.equals("date")) {
            throw ApiException.invalidParameter("sort", "sort must be relevance or date, got '" + sort + "'.");
        }
    }
}
