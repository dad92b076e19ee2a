package dev.wenku.search.query;

/**
 * A reader's search: {@code q} in the reader's query syntax ({@link UserQuery}), optional facet filters, paging and
 * order ({@code relevance} or {@code date}, newest first).
 */
public record SearchRequest(String q, String theme, String keyword, String entity, int from, int size, String sort) {

    public boolean byDate() {
        return "date".equals(sort);
    }
}
