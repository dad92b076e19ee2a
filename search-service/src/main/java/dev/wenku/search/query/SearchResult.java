package dev.wenku.search.query;

import dev.wenku.search.semantic.Passage;
import dev.wenku.text.DisplayScript;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The search API's answer: {@code {"total", "hits": [...], "facets": {"themes": [...], "keywords": [...],
 * "entities": [...], "authors": [...]}, "correctedQuery", "mode"}}: {@code correctedQuery} is null, or the query
 * whose results these are because the reader's found nothing ("did you mean"); {@code mode} is the
 * {@link SearchMode} the search ran in ({@code lexical}, {@code semantic} or {@code hybrid}). Titles and highlights
 * are in the document's original script unless the reader asked for another ({@link #in}).
 */
public record SearchResult(long total, List<Hit> hits, Map<String, List<FacetValue>> facets, String correctedQuery,
                           String mode) {

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
        return new SearchResult(total, hits.stream().map(hit -> hit.in(script)).toList(), shown, correctedQuery,
            mode);
    }

    /** A lexical search's answer for what the reader typed. */
    public SearchResult(long total, List<Hit> hits, Map<String, List<FacetValue>> facets) {
        this(total, hits, facets, null, SearchMode.LEXICAL.apiName());
    }

    /** This answer, found for {@code query}: the reader's query corrected. */
    public SearchResult correctedTo(String query) {
        return new SearchResult(total, hits, facets, query, mode);
    }

    /** This answer, as a search in {@code searchMode} found it. */
    SearchResult in(SearchMode searchMode) {
        return new SearchResult(total, hits, facets, correctedQuery, searchMode.apiName());
    }

    /**
     * A document found.
     *
     * @param score    Elasticsearch's score (lexical mode), or the fused score (reciprocal ranks: hybrid, semantic)
     * @param passage  the passage of the document nearest in meaning to the query, with its offsets in the text, when
     *                 search by meaning found the document; null otherwise
     */
    public record Hit(String id, String title, String author, double score, List<String> highlights,
                      List<String> keywords, List<String> themes, String summary, Passage passage) {

        /** A document found by its words only. */
        public Hit(String id, String title, String author, double score, List<String> highlights,
                   List<String> keywords, List<String> themes, String summary) {
            this(id, title, author, score, highlights, keywords, themes, summary, null);
        }

        /** This hit's text in {@code script}; the highlights' {@code <em>} tags stay where they are. */
        public Hit in(DisplayScript script) {
            return new Hit(id, script.apply(title), script.apply(author), score,
                highlights.stream().map(h -> script.applyAroundTags(h, OPEN, CLOSE)).toList(),
                script.apply(keywords), themes, script.apply(summary), passage == null ? null
                    : new Passage(passage.number(), script.apply(passage.text()), passage.start(), passage.end()));
        }

        /** This hit with {@code score} and the {@code passage} that matched by meaning (null for none). */
        Hit found(double fusedScore, Passage matched) {
            return new Hit(id, title, author, fusedScore, highlights, keywords, themes, summary, matched);
        }
    }

    public record FacetValue(String value, long count) {
    }
}
