package dev.wenku.search.query;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.CompletionSuggestOption;
import dev.wenku.search.index.DocumentIndex;
import dev.wenku.search.index.IndexedDocument;
import dev.wenku.text.DisplayScript;
import dev.wenku.text.SimplifiedScript;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Everything about single documents: suggestions while typing, related documents, the reading view. */
@Component
public class DocumentLookup {

    private static final int SUGGESTIONS = 8;

    private final ElasticsearchClient client;
    private final DocumentIndex index;
    private final IndexSearches searches;

    DocumentLookup(ElasticsearchClient client, DocumentIndex index, IndexSearches searches) {
        this.client = client;
        this.index = index;
        this.searches = searches;
    }

    public record Suggestion(String text, String id, String title) {
    }

    public record Suggestions(List<Suggestion> suggestions) {
    }

    record TitleSource(String id, String title) {
    }

    public Suggestions suggest(String prefix) throws IOException {
        if (prefix == null || prefix.isBlank()) {
            throw new ApiException(ErrorCode.MISSING_QUERY, "Give the beginning of a word in the q parameter.");
        }
        if (prefix.length() > 50) {
            throw new ApiException(ErrorCode.QUERY_TOO_LONG, "A suggestion prefix has at most 50 characters.");
        }
        String text = SimplifiedScript.of(prefix.strip()).toLowerCase(Locale.ROOT);
        // No hits and no count: without size 0 the request would also run a match_all, count up to 10,000
        // documents and fetch ten of them, on every key a reader types.
        SearchResponse<TitleSource> response = searches.search(s -> s.size(0).trackTotalHits(t -> t.enabled(false))
            .source(src -> src.filter(f -> f.includes("id", "title")))
            .suggest(sg -> sg.suggesters("titles", fs -> fs.prefix(text)
                .completion(c -> c.field("suggest").size(SUGGESTIONS).skipDuplicates(true)))), TitleSource.class);
        Map<String, Suggestion> byText = new LinkedHashMap<>();
        response.suggest().getOrDefault("titles", List.of()).forEach(suggestion -> {
            for (CompletionSuggestOption<TitleSource> option : suggestion.completion().options()) {
                TitleSource source = option.source();
                byText.putIfAbsent(option.text(), new Suggestion(option.text(), option.id(),
                    source == null ? null : source.title()));
            }
        });
        return new Suggestions(List.copyOf(byText.values()));
    }

    public record Related(String id, List<SearchResult.Hit> related) {

        public Related in(DisplayScript script) {
            return new Related(id, related.stream().map(hit -> hit.in(script)).toList());
        }
    }

    public Related related(String id, int size) throws IOException {
        if (size < 1 || size > 20) {
            throw ApiException.invalidParameter("size", "size must be between 1 and 20, got " + size + ".");
        }
        reading(id);
        SearchResponse<DocumentSearch.HitSource> response = searches.search(s -> s.size(size)
            .source(src -> src.filter(f -> f.includes("id", "title", "keywords", "themes", "summary")))
            .query(q -> q.moreLikeThis(m -> m.fields(DocumentSearch.TITLE, DocumentSearch.BODY)
                .like(l -> l.document(d -> d.index(index.alias()).id(id)))
                .minTermFreq(1).minDocFreq(1).maxQueryTerms(40).minimumShouldMatch("20%"))),
            DocumentSearch.HitSource.class);
        return new Related(id, response.hits().hits().stream()
            .map(hit -> hit.source().toHit(hit, List.of())).toList());
    }

    public record Reading(String id, long version, String title, String author, String body, String summary,
                          List<String> keyPhrases, IndexedDocument.Details analysis, String source, List<String> tags) {

        /** The text (title, author, body, summary, key phrases, keywords, entities, theme labels) in {@code script}. */
        public Reading in(DisplayScript script) {
            return new Reading(id, version, script.apply(title), script.apply(author), script.apply(body),
                script.apply(summary), script.apply(keyPhrases), analysis == null ? null : analysis.in(script), source,
                tags);
        }
    }

    public Reading reading(String id) throws IOException {
        GetResponse<IndexedDocument> response = client.get(g -> g.index(index.alias()).id(id), IndexedDocument.class);
        if (!response.found() || response.source() == null) {
            throw new DocumentNotIndexedException(id);
        }
        IndexedDocument doc = response.source();
        return new Reading(doc.id(), doc.version(), doc.title(), doc.author(), doc.body(), doc.summary(),
            doc.keyPhrases(), doc.details(), doc.source(), doc.tags());
    }
}
