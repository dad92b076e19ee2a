package dev.wenku.search.query;

import dev.wenku.text.DisplayScript;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The search API's answer: {@code {"total", "hits": [...], "facets": {"themes": [...], "keywords": [...],
 * "entities": [...]}}}. Titles and highlights are in the document's original script unless the reader asked for
 * another ({@link #in}).
 */
public record SearchResult(long total, List<Hit> hits, Map<String, List<FacetValue>> facets) {

    private static final Set<String> TEXT_FACETS = Set.of("keywords", "entities");
    private static final String OPEN = "<em>";
    private static final String CLOSE = "</em>";

    /** This answer with its text in {@code script}: titles, highlights, keywords, summaries, keyword and entity facets. */
    public SearchResult in(DisplayScript script) {
        if (script == DisplayScript.ORIGINAL) {
            return this;
        }
        Map<String, List<FacetValue>> shown = new LinkedHashMap<>();
        facets.forEach((facet, values) -> shown.put(facet, TEXT_FACETS.contains(facet)
            ? values.stream().map(v -> new FacetValue(script.apply(v.value()), v.count())).toList() : values));
        return new SearchResult(total, hits.stream().map(hit -> hit.in(script)).toList(), shown);
    }

    public record Hit(String id, String title, double score, List<String> highlights, List<String> keywords,
                      List<String> themes, String summary) {

        /** This hit's text in {@code script}; the highlights' {@code <em>} tags stay where they are. */
        public Hit in(DisplayScript script) {
            return new Hit(id, script.apply(title), score,
                highlights.stream().map(h -> script.applyAroundTags(h, OPEN, CLOSE)).toList(),
                script.apply(keywords), themes, script.apply(summary));
        }
    }

    public record FacetValue(String value, long count) {
    }
}
