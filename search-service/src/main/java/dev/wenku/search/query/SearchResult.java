package dev.wenku.search.query;

import dev.wenku.text.DisplayScript;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The search API's answer: {@code {"total", "hits": [...], "facets": {"themes": [...], "keywords": [...],
 * "entities": [...], "authors": [...]}, "correctedQuery"}}: {@code correctedQuery} is null, or the query whose
 * results these are because the reader's found nothing ("did you mean"). Titles and highlights are in the
 * document's original script unless the reader asked for another ({@link #in}).
 */
public record SearchResult(long total, List<Hit> hits, Map<String, List<FacetValue>> facets, String correctedQuery) {

    private static final Set<String> TEXT_FACETS = Set.of("keywords", "entities", "authors");
    private static final String OPEN = "<em>";
    private static final String CLOSE = "</em>";

    /** This answer with its text in {@code script}: titles, authors, highlights, keywords, summaries, text facets. */
    public SearchResult in(DisplayScript script) {
        if (script == DisplayScript.ORIGINAL) {
            return this;
        }
        Map<String, List<FacetValue>> shown = new LinkedHashMap<>();
        facets.forEach((facet, values) -> shown.put(facet, TEXT_FACETS.contains(facet)
            ? values.stream().map(v -> new FacetValue(script.apply(v.value()), v.count())).toList() : values));
        return new SearchResult(total, hits.stream().map(hit -> hit.in(script)).toList(), shown, correctedQuery);
    }

    /** An answer for what the reader typed. */
    public SearchResult(long total, List<Hit> hits, Map<String, List<FacetValue>> facets) {
        this(total, hits, facets, null);
    }

    /** This answer, found for {@code query}: the reader's query corrected. */
    public SearchResult correctedTo(String query) {
        return new SearchResult(total, hits, facets, query);
    }

    public record Hit(String id, String title, String author, double score, List<String> highlights,
                      List<String> keywords, List<String> themes, String summary) {

        /** This hit's text in {@code script}; the highlights' {@code <em>} tags stay where they are. */
        public Hit in(DisplayScript script) {
            return new Hit(id, script.apply(title), script.apply(author), score,
                highlights.stream().map(h -> script.applyAroundTags(h, OPEN, CLOSE)).toList(),
                script.apply(keywords), themes, script.apply(summary));
        }
    }

    public record FacetValue(String value, long count) {
    }
}
