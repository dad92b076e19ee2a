package dev.wenku.search.query;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.CompletionSuggestOption;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.wenku.search.index.DocumentIndex;
import dev.wenku.search.index.IndexedDocument;
import dev.wenku.search.semantic.Passage;
import dev.wenku.search.semantic.PassageIndex;
import dev.wenku.search.semantic.SemanticSearch;
import dev.wenku.text.DisplayScript;
import dev.wenku.text.SimplifiedScript;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Everything about single documents: suggestions while typing, related documents, passages like one of theirs, the
 * reading view.
 */
@Component
public class DocumentLookup {

    private static final int SUGGESTIONS = 8;
    /** Most related documents or similar passages one request may ask for. */
    private static final int MAX_RELATED = 20;
    /**
     * How related documents are found where search by meaning runs and a request names no mode: the mode that found
     * the most relevant ones on the judged related documents ({@code evaluation/related-queries.tsv},
     * {@code ./wenku bench semantic}). Words alone (more-like-this) find a series' other poems by its title but hardly
     * any poem on the same occasion under another title; meaning alone finds those and, every document vector being
     * compared, the seed's essays among the poems too. Fused ({@link #fuseRelated}) they find more than meaning
     * alone, and a document the embedding stage has not reached yet is still related by its words.
     */
    static final SearchMode RELATED_BY_DEFAULT = SearchMode.HYBRID;
    /**
     * The weight of the ranking by meaning in related documents, more-like-this weighing 1: equal. A search's weight
     * ({@code wenku.search.semantic.weight}, below 1) lets the reader's own words lead, since they name what the
     * reader wants; a document read names nothing, and on the judged related documents the vectors alone find about
     * twice what more-like-this does. With the search's weight, more-like-this's second and third guesses passed what
     * only the vectors found first, and the default fell below meaning alone on the series kind
     * (docs/adr/0015-embedding-stage.md).
     */
    static final double RELATED_MEANING_WEIGHT = 1.0;

    private final ElasticsearchClient client;
    private final DocumentIndex index;
    private final IndexSearches searches;
    private final SemanticSearch semanticSearch;

    DocumentLookup(ElasticsearchClient client, DocumentIndex index, IndexSearches searches,
                   ObjectProvider<SemanticSearch> semanticSearch) {
        this.client = client;
        this.index = index;
        this.searches = searches;
        this.semanticSearch = semanticSearch.getIfAvailable();
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

    /**
     * The documents most like {@code id}, best first: by their words ({@code lexical}: Elasticsearch's
     * more-like-this over title and body), by the meaning of the whole document ({@code semantic}: the nearest
     * document vectors), or both fused ({@code hybrid}, {@link #fuseRelated}). Without a mode,
     * {@link #RELATED_BY_DEFAULT} where search by meaning runs, lexical where it does not; a document the embedding
     * stage has not reached yet is then related by its words alone.
     *
     * @throws ApiException {@code 400} for a mode that is none of them or needs vectors where there are none;
     *                      {@code 404} for a semantic one when the document has no vector yet
     */
    public Related related(String id, int size, String mode) throws IOException {
        checkSize(size);
        SearchMode asked = SearchMode.asked(mode, semanticSearch == null ? null : RELATED_BY_DEFAULT);
        reading(id);
        List<HybridRanking.Scored> words = asked.lexical() ? moreLikeThis(id, size) : List.of();
        Optional<List<PassageIndex.NearestDocument>> meaning = asked.semantic() ? semanticSearch.related(id, size)
            : Optional.empty();
        if (asked == SearchMode.SEMANTIC && meaning.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Document " + id + " has no vector yet: search by meaning has"
                + " not reached it.");
        }
        List<String> ids = fuseRelated(words, meaning.orElse(List.of()).stream()
            .map(PassageIndex.NearestDocument::documentId).toList()).stream().limit(size).toList();
        Map<String, Hit<DocumentSearch.HitSource>> byId = listed(ids);
        return new Related(id, ids.stream().filter(byId::containsKey)
            .map(related -> byId.get(related).source().toHit(byId.get(related), List.of())).toList());
    }

    /**
     * Related documents by their words ({@code words}, more-like-this, best first) and by meaning ({@code meaning},
     * nearest first) in one ranking: a hybrid search's fusion ({@link HybridRanking}), the two weighing the same
     * ({@link #RELATED_MEANING_WEIGHT}). Without vectors (lexical mode, or a document the stage has not reached) it is
     * the words' ranking as it is.
     */
    static List<String> fuseRelated(List<HybridRanking.Scored> words, List<String> meaning) {
        return HybridRanking.fuse(words, meaning, RELATED_MEANING_WEIGHT).stream().map(HybridRanking.Ranked::id)
            .toList();
    }

    /** The documents more-like-this finds for {@code id} by its title and body, with their scores, best first. */
    private List<HybridRanking.Scored> moreLikeThis(String id, int size) throws IOException {
        return searches.search(s -> s.size(size).source(src -> src.fetch(false))
                .query(q -> q.moreLikeThis(m -> m.fields(DocumentSearch.TITLE, DocumentSearch.BODY)
                    .like(l -> l.document(d -> d.index(index.alias()).id(id)))
                    .minTermFreq(1).minDocFreq(1).maxQueryTerms(40).minimumShouldMatch("20%"))),
                DocumentSearch.HitSource.class)
            .hits().hits().stream().map(hit -> new HybridRanking.Scored(hit.id(), hit.score() == null ? 0 : hit.score()))
            .toList();
    }

    /** The documents {@code ids} as lists show them (no highlights), by id; those no longer indexed left out. */
    private Map<String, Hit<DocumentSearch.HitSource>> listed(List<String> ids) throws IOException {
        Map<String, Hit<DocumentSearch.HitSource>> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            searches.search(s -> s.size(ids.size()).query(q -> q.ids(i -> i.values(ids)))
                    .source(src -> src.filter(f -> f.includes(DocumentSearch.LISTED))), DocumentSearch.HitSource.class)
                .hits().hits().stream().filter(hit -> hit.source() != null).forEach(hit -> byId.put(hit.id(), hit));
        }
        return byId;
    }

    /**
     * A passage of a document and the passages of other documents nearest to it in meaning.
     *
     * @param id      the document
     * @param passage the passage compared: its number, text as uploaded and offsets in the body
     * @param similar the other documents, nearest first, each with its passage nearest to this one
     */
    public record SimilarPassages(String id, Passage passage, List<SearchResult.Hit> similar) {

        public SimilarPassages in(DisplayScript script) {
            return new SimilarPassages(id, new Passage(passage.number(), script.apply(passage.text()),
                passage.start(), passage.end()), similar.stream().map(hit -> hit.in(script)).toList());
        }
    }

    /**
     * "More like this passage": the documents with a passage nearest in meaning to passage {@code number} of
     * {@code id}, by the passages' vectors (the embedding stage's), nearest first.
     *
     * @throws ApiException {@code 404} when search by meaning is off, the document is not indexed, or the passage has
     *                      no vector (no such passage, or the embedding stage has not reached the document yet)
     */
    public SimilarPassages similarPassages(String id, int number, int size) throws IOException {
        checkSize(size);
        if (semanticSearch == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Search by meaning is off on this platform, so passages have"
                + " no vectors to compare (operators turn it on with wenku.search.semantic.enabled).");
        }
        Optional<SemanticSearch.Similar> similar = semanticSearch.similar(id, number, size);
        if (similar.isEmpty()) {
            reading(id); // Not searchable at all: say so rather than that the passage has no vector.
            throw new ApiException(ErrorCode.NOT_FOUND, "Passage " + number + " of document " + id + " has no vector:"
                + " the document has fewer passages, or search by meaning has not reached it yet.");
        }
        SemanticSearch.Similar found = similar.get();
        Map<String, Hit<DocumentSearch.HitSource>> byId = listed(found.similar().stream()
            .map(SemanticSearch.Match::documentId).toList());
        return new SimilarPassages(id, found.passage(), found.similar().stream()
            .filter(match -> byId.containsKey(match.documentId()))
            .map(match -> {
                Hit<DocumentSearch.HitSource> hit = byId.get(match.documentId());
                return hit.source().toHit(hit, List.of()).found(match.score(), match.passage());
            }).toList());
    }

    private static void checkSize(int size) {
        if (size < 1 || size > MAX_RELATED) {
            throw ApiException.invalidParameter("size", "size must be between 1 and " + MAX_RELATED + ", got " + size
                + ".");
        }
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
