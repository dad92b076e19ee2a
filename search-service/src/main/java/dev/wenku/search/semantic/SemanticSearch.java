package dev.wenku.search.semantic;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wenku.search.SearchProperties;
import dev.wenku.search.semantic.PassageIndex.Nearest;
import dev.wenku.text.SimplifiedScript;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents nearest in meaning to a reader's query: the query's vector (with BGE's query instruction) against
 * the passages' (approximate kNN), each document represented by its nearest passage, which the answer shows as the
 * passage that matched. Query vectors are kept ({@code wenku.search.semantic.query-vectors}): readers repeat queries,
 * and running the model over a query is one pass like a passage's (about 10 ms of a core for a poem's,
 * {@code ./wenku bench embedding}), the largest cost search by meaning adds besides the kNN search (metrics
 * {@code cache.gets}, {@code cache.size}, … with {@code cache=query-vectors}).
 */
public class SemanticSearch {

    /** Passages asked of the index per document wanted: a document often has several passages near the query. */
    private static final int PASSAGES_PER_DOCUMENT = 2;

    /**
     * A document found by meaning.
     *
     * @param documentId the document
     * @param passage    its passage nearest to the query: its number, text as uploaded, and offsets in the body
     */
    public record Match(String documentId, Passage passage) {
    }

    private final PassageEmbedder embedder;
    private final PassageIndex index;
    private final SearchProperties.Semantic settings;
    private final Cache<String, float[]> queryVectors;

    public SemanticSearch(PassageEmbedder embedder, PassageIndex index, SearchProperties properties,
                          MeterRegistry registry) {
        this.embedder = embedder;
        this.index = index;
        this.settings = properties.semantic();
        this.queryVectors = CaffeineCacheMetrics.monitor(registry, Caffeine.newBuilder()
            .maximumSize(settings.queryVectors()).recordStats().build(), "query-vectors");
    }

    /** The {@code wenku.search.semantic.documents} documents nearest to {@code query}, nearest first. */
    public List<Match> nearest(String query) throws IOException {
        int documents = settings.documents();
        float[] vector = queryVectors.get(SimplifiedScript.of(query), embedder::query);
        Map<String, Match> byDocument = new LinkedHashMap<>();
        for (Nearest passage : index.nearest(vector, documents * PASSAGES_PER_DOCUMENT, settings.candidates())) {
            byDocument.putIfAbsent(passage.documentId(), new Match(passage.documentId(),
                new Passage(passage.number(), passage.text(), passage.start(), passage.end())));
        }
        return new ArrayList<>(byDocument.values()).subList(0, Math.min(documents, byDocument.size()));
    }
}
