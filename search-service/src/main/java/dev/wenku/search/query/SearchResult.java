package dev.wenku.search.query;

import java.util.List;

/** The search API's answer: {@code {"total", "hits": [{"id", "title", "score", "highlights", "keywords"}]}}. */
public record SearchResult(long total, List<Hit> hits) {

    public record Hit(String id, String title, double score, List<String> highlights, List<String> keywords) {
    }
}
