package dev.wenku.search.query;

import java.util.List;
import java.util.Map;

/**
 * The search API's answer: {@code {"total", "hits": [...], "facets": {"themes": [...], "keywords": [...],
 * "entities": [...]}}}. Titles and highlights are in the document's original script.
 */
public record SearchResult(long total, List<Hit> hits, Map<String, List<FacetValue>> facets) {

    public record Hit(String id, String title, double score, List<String> highlights, List<String> keywords,
                      List<String> themes, String summary) {
    }

    public record FacetValue(String value, long count) {
    }
}
