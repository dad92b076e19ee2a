package dev.wenku.search.query;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.HighlightField;
import co.elastic.clients.elasticsearch.core.search.HighlighterEncoder;
import co.elastic.clients.util.NamedValue;
import dev.wenku.search.SearchProperties;
import dev.wenku.search.index.DocumentIndex;
import dev.wenku.text.SimplifiedScript;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Full-text search over the Simplified text with highlights. The reader's words are only ever the text of a
 * match query: no query syntax or DSL from a request reaches Elasticsearch.
 */
@Component
public class DocumentSearch {

    private static final String TITLE = "simplifiedTitle";
    private static final String BODY = "simplifiedBody";

    private final ElasticsearchClient client;
    private final DocumentIndex index;
    private final SearchProperties properties;

    public DocumentSearch(ElasticsearchClient client, DocumentIndex index, SearchProperties properties) {
        this.client = client;
        this.index = index;
        this.properties = properties;
    }

    public SearchResult search(String q, int from, int size) throws IOException {
        validate(q, from, size);
        String text = SimplifiedScript.of(q.strip());
        SearchResponse<HitSource> response = client.search(s -> s
            .index(index.alias())
            .from(from)
            .size(size)
            .trackTotalHits(t -> t.enabled(true))
            .query(query -> query.multiMatch(m -> m.query(text).fields(TITLE + "^2", BODY).minimumShouldMatch("75%")))
            .source(src -> src.filter(f -> f.includes("id", "title", "keywords")))
            .highlight(h -> h.encoder(HighlighterEncoder.Html).preTags("<em>").postTags("</em>")
                .fields(NamedValue.of(BODY, HighlightField.of(f -> f.fragmentSize(80).numberOfFragments(3))),
                    NamedValue.of(TITLE, HighlightField.of(f -> f.numberOfFragments(0))))),
            HitSource.class);

        List<SearchResult.Hit> hits = response.hits().hits().stream().map(hit -> {
            HitSource doc = hit.source();
            return new SearchResult.Hit(hit.id(), doc == null ? null : doc.title(),
                hit.score() == null ? 0 : hit.score(), highlights(hit.highlight()),
                doc == null || doc.keywords() == null ? List.of() : doc.keywords());
        }).toList();
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        return new SearchResult(total, hits);
    }

    /** The stored fields a result shows. */
    record HitSource(String id, String title, List<String> keywords) {
    }

    private static List<String> highlights(Map<String, List<String>> highlight) {
        List<String> fragments = new ArrayList<>(highlight.getOrDefault(BODY, List.of()));
        if (fragments.isEmpty()) {
            fragments.addAll(highlight.getOrDefault(TITLE, List.of()));
        }
        return fragments;
    }

    private void validate(String q, int from, int size) {
        if (q == null || q.isBlank()) {
            throw new InvalidSearch("missing_query", "Give the words to search for in the q parameter.");
        }
        if (q.length() > 200) {
            throw new InvalidSearch("query_too_long", "The query has " + q.length() + " characters; the limit is 200.");
        }
        if (from < 0) {
            throw new InvalidSearch("invalid_from", "from must be 0 or more, got " + from + ".");
        }
        if (size < 1 || size > properties.maxPageSize()) {
            throw new InvalidSearch("invalid_size", "size must be between 1 and " + properties.maxPageSize() + ", got " + size + ".");
        }
    }
}
