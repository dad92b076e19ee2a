package dev.wenku.search.semantic;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.wenku.search.SearchProperties;
import dev.wenku.text.SimplifiedScript;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The documents nearest in meaning to a reader's query: the query's vector against every passage's (exact kNN),
 * each document represented by its nearest passage, which the answer shows as the passage that matched. Query
 * vectors are kept ({@code wenku.search.semantic.query-vectors}): readers repeat queries, and running the model over
 * a query is one pass like a passage's, over fewer characters, the largest cost search by meaning adds besides the
 * kNN search (metrics {@code cache.gets}, {@code cache.size}, … with {@code cache=query-vectors}). A query's nearest
 * documents are kept too ({@code cache=nearest-documents}), and searched again in the background when asked for
 * once older than {@code wenku.search.semantic.nearest-for}: the kNN search is most of what search by meaning costs
 * Elasticsearch, twice what the words' search does, and its answer changes only as the embedding stage writes,
 * itself seconds to minutes behind the lexical index.
 */
public class SemanticSearch {

    /**
     * How many times {@code nearest-for} a query's nearest documents are kept when it is not asked again: a query
     * asked while they are due is answered from them and searched again in the background.
     */
    private static final int NEAREST_KEPT_REFRESHES = 10;

    /**
     * A document found by meaning.
     *
     * @param documentId the document
     * @param passage    its passage nearest to the query: its number, text as uploaded, and offsets in the body
     * @param score      that passage's similarity to the query as Elasticsearch scores it (higher is nearer)
     */
    public record Match(String documentId, Passage passage, double score) {
    }

    private final PassageEmbedder embedder;
    private final PassageIndex index;
    private final Partitioning partitioning;
    private final SearchProperties.Semantic settings;
    private final Cache<String, float[]> queryVectors;
    /** Null when {@code nearest-for} is 0. */
    private final LoadingCache<String, List<Match>> nearestDocuments;

    public SemanticSearch(PassageEmbedder embedder, PassageIndex index, Partitioning partitioning,
                          SearchProperties properties, MeterRegistry registry) {
        this.embedder = embedder;
        this.index = index;
        this.partitioning = partitioning;
        this.settings = properties.semantic();
        this.queryVectors = CaffeineCacheMetrics.monitor(registry, Caffeine.newBuilder()
            .maximumSize(settings.queryVectors()).recordStats().build(), "query-vectors");
        this.nearestDocuments = settings.nearestFor().isZero() ? null : nearestDocuments(registry);
    }

    /**
     * The queries' nearest documents, searched again in the background when asked for once due: on a virtual thread
     * each, since the search waits on Elasticsearch, and Caffeine's default, the common fork-join pool, has one
     * thread per core for work that does not wait.
     */
    private LoadingCache<String, List<Match>> nearestDocuments(MeterRegistry registry) {
        Duration due = settings.nearestFor();
        Executor background = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("nearest-documents-", 0)
            .factory());
        return CaffeineCacheMetrics.monitor(registry, Caffeine.newBuilder().maximumSize(settings.nearestQueries())
            .refreshAfterWrite(due).expireAfterWrite(due.multipliedBy(NEAREST_KEPT_REFRESHES)).executor(background)
            .recordStats().build(text -> List.copyOf(search(text))), "nearest-documents");
    }

    /**
     * The {@code wenku.search.semantic.documents} documents nearest to {@code query}, nearest first, each by its
     * nearest passage: every passage of the partitions nearest to the query ({@link Partitioning#probes}; every
     * passage while the passages are not partitioned) is compared with the query, in one request
     * ({@link PassageIndex#nearestByDocument}).
     * A query asked again gets the documents found the last time it was searched, which is searched again in the
     * background once they are older than {@code nearest-for}.
     */
    public List<Match> nearest(String query) throws IOException {
        String text = SimplifiedScript.of(query);
        if (nearestDocuments == null) {
            return search(text);
        }
        try {
            return nearestDocuments.get(text);
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    private List<Match> search(String text) throws IOException {
        return nearestByDocument(queryVectors.get(text, embedder::query), settings.documents(), null);
    }

    /**
     * Passages of other documents nearest in meaning to passage {@code number} of {@code documentId}, the nearest of
     * each document, at most {@code size}: "more like this passage". Empty when that passage has no vector (the
     * embedding stage has not reached the document yet, or it has fewer passages).
     */
    public Optional<Similar> similar(String documentId, int number, int size) throws IOException {
        Optional<PassageDocument> passage = index.passage(documentId, number);
        if (passage.isEmpty()) {
            return Optional.empty();
        }
        PassageDocument of = passage.get();
        return Optional.of(new Similar(new Passage(number, of.text(), of.start(), of.end()),
            nearestByDocument(of.vector(), size, documentId)));
    }

    /**
     * Other documents nearest in meaning to {@code documentId} as a whole (its vector, the mean of its passages',
     * against theirs), nearest first, at most {@code size}; empty when the stage has not embedded it yet.
     */
    public Optional<List<PassageIndex.NearestDocument>> related(String documentId, int size) throws IOException {
        Optional<float[]> vector = index.documentVector(documentId);
        if (vector.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(index.nearestDocuments(vector.get(), size, documentId));
    }

    /**
     * A passage and the passages of other documents nearest to it.
     *
     * @param passage the passage compared, as uploaded, with its offsets in its document's body
     * @param similar the nearest of each other document, nearest first
     */
    public record Similar(Passage passage, List<Match> similar) {
    }

    /**
     * The nearest passage of each of the {@code documents} documents nearest to {@code vector}, in the partitions it
     * probes (but
     * {@code excludedDocument}; null: none left out), nearest first.
     */
    private List<Match> nearestByDocument(float[] vector, int documents, String excludedDocument) throws IOException {
        return index.nearestByDocument(vector, documents, excludedDocument, partitioning.probes(vector)).stream()
            .map(passage -> new Match(passage.documentId(), new Passage(passage.number(), passage.text(),
                passage.start(), passage.end()), passage.score()))
            .toList();
    }
}
