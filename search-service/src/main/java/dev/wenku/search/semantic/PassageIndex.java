package dev.wenku.search.semantic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.CommonStatsFlag;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.query_dsl.FunctionBoostMode;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.ResponseBody;
import dev.wenku.search.SearchProperties;
import dev.wenku.search.index.DocumentIndex;
import dev.wenku.search.index.IndexStartup;
import dev.wenku.search.index.MappingUpgrade;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * The passages index behind its alias {@code <index-alias>-passages}: one entry per passage with its vector and one
 * per document ({@link PassageDocument}). It is apart from the documents index because its entries are written
 * later, by a consumer of their own, and because a mapping change of either must not rebuild the other (re-embedding
 * costs hours of CPU on a large corpus; re-indexing costs minutes).
 *
 * <p>A mapping change copies the entries, vectors and versions, from the index behind the alias into one of the new
 * mapping ({@link PassageDocument#current}), which then takes the old one's place as the documents index's rebuild
 * does ({@link MappingUpgrade}: the alias moved in one request, one instance of several doing it). Nothing is
 * embedded again. Writes of instances of the previous version
 * to the old index during the copy are copied once more after the swap; the new index is then merged
 * ({@link #mergeIntoOneSegment}), having been written in bulk.
 *
 * <p>Entries carry the document's version as an external version: Elasticsearch itself refuses a write older than
 * what it holds, so a late retry of an old version can never replace a newer one's passages (the same version is
 * accepted, as in the documents index: a redelivered version is skipped before it is embedded, and a version an
 * earlier model embedded is written again).
 */
public class PassageIndex implements InitializingBean {

    static final int MAPPING_VERSION = 7;
    static final String DEFINITION = "index/passages-v" + MAPPING_VERSION + ".json";
    private static final Logger log = LoggerFactory.getLogger(PassageIndex.class);
    /** Entries per request of a copy into a new mapping (a vector is about 5 KB of JSON). */
    private static final int COPY_BATCH = 500;
    private static final Time COPY_SCROLL = Time.of(t -> t.time("2m"));
    /**
     * Nearest passages taken per document wanted before they are collapsed to their documents (Elasticsearch collapses
     * the top k): an essay often has several passages near the query. Comparing every passage costs the same whatever
     * this is; it bounds only the heap of nearest ones.
     */
    static final int PASSAGES_PER_DOCUMENT = 5;

    /**
     * What the index holds for a document: the version its passages came from, how many there are, and the model
     * that embedded them.
     */
    public record Stored(long version, int passages, String model) {

        /** Whether the model embedding passages now made these; if not, they are to be embedded again. */
        public boolean ofCurrentModel() {
            return PassageEmbedder.MODEL.equals(model);
        }
    }

    /** A document whose entries an earlier model made: its id, and what the index holds for it. */
    public record Outdated(String documentId, Stored stored) {
    }

    /** A passage near a query vector, with its similarity as Elasticsearch scores it (higher is nearer). */
    public record Nearest(String documentId, int number, String text, int start, int end, double score) {
    }

    /** The source fields {@link #stored} reads; boxed, since Jackson refuses a missing primitive. */
    private record Entry(Integer passages, String model) {
    }

    private final ElasticsearchClient client;
    private final SearchProperties properties;
    private final MappingUpgrade upgrade;

    public PassageIndex(ElasticsearchClient client, SearchProperties properties, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.upgrade = new MappingUpgrade(client, alias(), versionedName(), replicas -> DocumentIndex.definition(
            DEFINITION, properties.indexShards(), replicas), properties.indexReplicas(), clock);
    }

    public String alias() {
        return properties.indexAlias() + "-passages";
    }

    String versionedName() {
        return alias() + "-v" + MAPPING_VERSION;
    }

    /**
     * Creates the index with its alias unless the alias exists, or copies the index of an earlier mapping behind it;
     * gives it the configured replicas, waiting (bounded) for Elasticsearch.
     */
    @Override
    public void afterPropertiesSet() throws InterruptedException {
        IndexStartup.await(versionedName(), properties.startupTimeout(), () -> upgrade.ensureCurrent(this::copyInto));
    }

    /**
     * Copies the entries of the {@code old} indices into {@code index}; once the alias has moved, copies them once more
     * if instances of the previous version wrote to them meanwhile (external versions keep the newest), and merges
     * the new index, written in bulk.
     */
    private IndexStartup.Step copyInto(String index, Set<String> old) throws IOException {
        long started = System.nanoTime();
        long written = writes(old);
        long copied = copy(old);
        return () -> {
            if (writes(old) != written) {
                copy(old);
            }
            mergeIntoOneSegment();
            log.info("Mapping changed: copied {} passage entries from {} into {} in {} s, moved alias {}", copied, old,
                index, (System.nanoTime() - started) / 1_000_000_000, alias());
        };
    }

    /** How many writes the {@code indices} have taken, to tell whether any came during a copy. */
    private long writes(Set<String> indices) throws IOException {
        Long total = client.indices().stats(s -> s.index(List.copyOf(indices)).metric(CommonStatsFlag.Indexing)).all().total()
            .indexing().indexTotal();
        return total == null ? 0 : total;
    }

    private long copy(Set<String> old) throws IOException {
        long[] copied = {0};
        for (String index : old) {
            scroll(s -> s.index(index).version(true), hits -> {
                copied[0] += write(hits);
                return true;
            });
        }
        return copied[0];
    }

    /** What a page of a scroll is handed to: returns whether to read the next one. */
    @FunctionalInterface
    private interface PageReader {
        boolean read(List<Hit<PassageDocument>> hits) throws IOException;
    }

    /**
     * Reads the hits of {@code search} (vectors included) in pages of {@value #COPY_BATCH} by a scroll, handing each to
     * {@code reader} until it returns false or none is left.
     */
    private void scroll(Function<SearchRequest.Builder, SearchRequest.Builder> search, PageReader reader)
            throws IOException {
        ResponseBody<PassageDocument> page = client.search(s -> search.apply(s.size(COPY_BATCH).scroll(COPY_SCROLL)
            .source(src -> src.filter(f -> f.excludeVectors(false)))), PassageDocument.class);
        String scroll = page.scrollId();
        try {
            while (!page.hits().hits().isEmpty() && reader.read(page.hits().hits())) {
                String from = scroll;
                page = client.scroll(r -> r.scrollId(from).scroll(COPY_SCROLL), PassageDocument.class);
                scroll = page.scrollId();
            }
        } finally {
            String done = scroll;
            client.clearScroll(c -> c.scrollId(done));
        }
    }

    private int write(List<Hit<PassageDocument>> hits) throws IOException {
        Changes changes = new Changes();
        for (Hit<PassageDocument> hit : hits) {
            if (hit.source() != null && hit.version() != null) {
                PassageDocument entry = hit.source().current();
                changes.operations.add(BulkOperation.of(b -> b.index(i -> i.id(hit.id())
                    .version(hit.version()).versionType(VersionType.External).document(entry))));
            }
        }
        apply(changes, versionedName());
        return changes.operations.size();
    }

    /** What the index holds for each of {@code documentIds} that it has, read in real time (no refresh needed). */
    public Map<String, Stored> stored(Collection<String> documentIds) throws IOException {
        if (documentIds.isEmpty()) {
            return Map.of();
        }
        List<String> ids = documentIds.stream().map(PassageDocument::documentEntryId).toList();
        Map<String, Stored> stored = new HashMap<>();
        for (MultiGetResponseItem<Entry> item : client.mget(m -> m.index(alias()).ids(ids).realtime(true)
                .sourceIncludes("passages", "model"), Entry.class).docs()) {
            if (item.isFailure()) {
                throw new IOException("Cannot read " + item.failure().id() + ": " + item.failure().error().reason());
            }
            var result = item.result();
            if (result.found() && result.source() != null && result.version() != null) {
                String id = result.id();
                stored.put(documentIdOf(id), stored(result.version(), result.source()));
            }
        }
        return stored;
    }

    private static Stored stored(long version, Entry entry) {
        return new Stored(version, entry.passages() == null ? 0 : entry.passages(), entry.model());
    }

    /** The document of a document's entry, from the entry's id. */
    private static String documentIdOf(String entryId) {
        return entryId.substring(0, entryId.length() - PassageDocument.DOCUMENT.length() - 1);
    }

    /**
     * Up to {@code size} documents whose entries a model other than the current one made, none of {@code leftOut},
     * from the {@code from}th on (instances re-embedding together start at different places, so they seldom take the
     * same documents).
     */
    public List<Outdated> outdated(int size, int from, Collection<String> leftOut) throws IOException {
        return client.search(s -> s.index(alias()).size(size).from(from).version(true).trackTotalHits(t -> t.enabled(false))
                .query(outdatedDocuments(leftOut)).source(src -> src.filter(f -> f.includes("passages", "model"))),
                Entry.class)
            .hits().hits().stream().filter(hit -> hit.source() != null && hit.version() != null && hit.id() != null)
            .map(hit -> new Outdated(documentIdOf(hit.id()), stored(hit.version(), hit.source()))).toList();
    }

    /** How many documents have entries a model other than the current one made. */
    public long outdatedDocuments() throws IOException {
        return client.count(c -> c.index(alias()).query(outdatedDocuments(List.of()))).count();
    }

    /**
     * Documents' own entries whose model is not the current one (an entry without a model is not current), but those
     * of {@code leftOut}.
     */
    private static Query outdatedDocuments(Collection<String> leftOut) {
        List<String> entries = leftOut.stream().map(PassageDocument::documentEntryId).toList();
        return Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("kind").value(PassageDocument.DOCUMENT)))
            .mustNot(m -> m.term(t -> t.field("model").value(PassageEmbedder.MODEL)))
            .mustNot(m -> m.ids(i -> i.values(entries)))));
    }

    /** A bulk request's operations, built per document by {@link #replace} and {@link #remove}. */
    public static final class Changes {

        private final List<BulkOperation> operations = new ArrayList<>();
        private int documents;

        /**
         * Writes a version's entries and deletes passages an earlier version had past the new count, all with the
         * version as an external version ({@code external_gte}): none of it can overtake a newer version, and the
         * same version written again (by a model that has replaced the one that embedded it) replaces its entries.
         */
        public Changes replace(long version, List<PassageDocument> entries, int previousPassages) {
            String documentId = entries.getFirst().documentId();
            documents++;
            int passages = 0;
            for (PassageDocument entry : entries) {
                operations.add(BulkOperation.of(b -> b.index(i -> i.id(entry.id()).version(version)
                    .versionType(VersionType.ExternalGte).document(entry))));
                passages += PassageDocument.PASSAGE.equals(entry.kind()) ? 1 : 0;
            }
            for (int number = passages + 1; number <= previousPassages; number++) {
                String id = PassageDocument.passageId(documentId, number);
                operations.add(BulkOperation.of(b -> b.delete(d -> d.id(id).version(version)
                    .versionType(VersionType.ExternalGte))));
            }
            return this;
        }

        /** Deletes a document's entry and its {@code passages} passages (the document was deleted). */
        public Changes remove(String documentId, int passages) {
            documents++;
            operations.add(BulkOperation.of(b -> b.delete(d -> d.id(PassageDocument.documentEntryId(documentId)))));
            for (int number = 1; number <= passages; number++) {
                String id = PassageDocument.passageId(documentId, number);
                operations.add(BulkOperation.of(b -> b.delete(d -> d.id(id))));
            }
            return this;
        }

        /** The documents whose entries these changes write or delete. */
        int documents() {
            return documents;
        }

        boolean isEmpty() {
            return operations.isEmpty();
        }
    }

    /**
     * Applies {@code changes} in one bulk request. A version conflict means a newer version is already there and is
     * not an error; any other refusal is thrown, so the batch is retried rather than lost.
     */
    public void apply(Changes changes) throws IOException {
        apply(changes, alias());
    }

    private void apply(Changes changes, String index) throws IOException {
        if (changes.isEmpty()) {
            return;
        }
        BulkResponse response = client.bulk(b -> b.index(index).operations(changes.operations));
        if (!response.errors()) {
            return;
        }
        for (BulkResponseItem item : response.items()) {
            if (item.error() != null && !"version_conflict_engine_exception".equals(item.error().type())
                    && item.status() != 404) {
                throw new IOException("Elasticsearch refused passage entry " + item.id() + ": "
                    + item.error().reason());
            }
        }
    }

    /** How many documents the index holds passages of (one entry of kind {@value PassageDocument#DOCUMENT} each). */
    public long documents() throws IOException {
        return client.count(c -> c.index(alias()).query(q -> q.term(t -> t.field("kind")
            .value(PassageDocument.DOCUMENT)))).count();
    }

    /**
     * Asks Elasticsearch to merge the index into one segment, in the background: the request returns once the task
     * is started ({@link PassageMerging} says when and why).
     */
    public void mergeIntoOneSegment() throws IOException {
        client.indices().forcemerge(f -> f.index(alias()).maxNumSegments(1L).waitForCompletion(false));
    }

    /** Passage {@code number} of {@code documentId} with its vector; empty when the index has no such passage. */
    public Optional<PassageDocument> passage(String documentId, int number) throws IOException {
        GetResponse<PassageDocument> passage = client.get(g -> g.index(alias())
            .id(PassageDocument.passageId(documentId, number)).sourceExcludeVectors(false)
            .sourceExcludes("documentVector"), PassageDocument.class);
        return Optional.ofNullable(passage.found() ? passage.source() : null).filter(p -> p.vector() != null);
    }

    /** The vector of document {@code documentId} as a whole; empty when the stage has not embedded it (yet). */
    public Optional<float[]> documentVector(String documentId) throws IOException {
        GetResponse<PassageDocument> entry = client.get(g -> g.index(alias())
            .id(PassageDocument.documentEntryId(documentId)).sourceExcludeVectors(false)
            .sourceIncludes("documentVector"), PassageDocument.class);
        return Optional.ofNullable(entry.found() && entry.source() != null ? entry.source().documentVector() : null);
    }

    /**
     * The {@code k} documents whose own vectors are nearest to {@code vector} (compared with every one: the vectors
     * have no graph, see {@code index/passages-v7.json}), {@code excludedDocument} left out (null: none), nearest
     * first.
     */
    public List<NearestDocument> nearestDocuments(float[] vector, int k, String excludedDocument) throws IOException {
        return search(k, null, knn("documentVector", vector, k, excludedDocument, List.of())).stream()
            .map(hit -> new NearestDocument(hit.source().documentId(), score(hit))).toList();
    }

    /** A document near a vector, with its similarity as Elasticsearch scores it (higher is nearer). */
    public record NearestDocument(String documentId, double score) {
    }

    /**
     * The passages nearest to {@code vector}, the nearest of each document, at most {@code documents} of them; none of
     * {@code excludedDocument} (null: none left out); nearest first. The passages have no graph: every passage of the
     * {@code partitions} (tags, {@link Partitions#probes}; empty: of the whole index) is compared, so the nearest are
     * found wherever they lie in them, a small group of texts unlike the rest included (ADR 15), in one request.
     * Elasticsearch collapses the {@value #PASSAGES_PER_DOCUMENT} times {@code documents} nearest passages to their
     * documents, so only the kept passages are fetched.
     */
    public List<Nearest> nearestByDocument(float[] vector, int documents, String excludedDocument,
                                           List<String> partitions) throws IOException {
        return search(documents, "documentId", knn("vector", vector, documents * PASSAGES_PER_DOCUMENT,
                excludedDocument, partitions)).stream()
            .filter(PassageIndex::isPassage).map(hit -> nearest(hit.source(), score(hit))).toList();
    }

    /**
     * The {@code k} entries whose {@code field} is nearest to {@code vector}, none of {@code excludedDocument} (null:
     * none left out), in {@code partitions} (tags; empty: in any). Each vector field belongs to one kind of entry, so
     * no filter by kind is needed: with one, the node read the filter's matches in every search, and a new query's kNN
     * request took about a third longer (ADR 15); a filter by partition matches a few partitions' passages, and the
     * node compares only those. Neither field has a graph, so Elasticsearch compares every vector the filter lets
     * through whatever {@code num_candidates} says.
     * A query rather than the search's top-level {@code knn}: the node then finds the nearest in the query phase, not
     * in a phase of their own before it, which took a new query's kNN request from about 4.0 to 3.3 ms (ADR 15).
     */
    private static Query knn(String field, float[] vector, int k, String excludedDocument, List<String> partitions) {
        return Query.of(q -> q.knn(n -> {
            n.field(field).queryVector(floats(vector)).k(k).numCandidates(k);
            if (excludedDocument == null && partitions.isEmpty()) {
                return n;
            }
            return n.filter(f -> f.bool(b -> {
                if (!partitions.isEmpty()) {
                    b.filter(in -> in.terms(t -> t.field("partition").terms(v -> v.value(partitions.stream()
                        .map(FieldValue::of).toList()))));
                }
                return excludedDocument == null ? b : b.mustNot(other -> other.term(t -> t.field("documentId")
                    .value(excludedDocument)));
            }));
        }));
    }

    /**
     * Whether a hit of the passages' vector field is a passage: a document's entry written by an instance of mapping 1
     * during a copy still has its vector in that field, and is left out here rather than by a filter in every search
     * (where it is nearer than its document's passages, the document misses that one search by meaning until the
     * copy is done).
     */
    private static boolean isPassage(Hit<PassageDocument> hit) {
        return PassageDocument.PASSAGE.equals(hit.source().kind());
    }

    /** The hits of {@code knn}, without vectors, collapsed on {@code collapse} (null: not). */
    private List<Hit<PassageDocument>> search(int size, String collapse, Query knn) throws IOException {
        return client.search(s -> {
            s.index(alias()).size(size).query(knn)
                .source(src -> src.filter(f -> f.excludes("vector", "documentVector")));
            return collapse == null ? s : s.collapse(c -> c.field(collapse));
        }, PassageDocument.class).hits().hits().stream().filter(hit -> hit.source() != null).toList();
    }

    private static Nearest nearest(PassageDocument passage, double score) {
        return new Nearest(passage.documentId(), passage.number(), passage.text(), passage.start(), passage.end(),
            score);
    }

    private static double score(Hit<PassageDocument> hit) {
        return hit.score() == null ? 0 : hit.score();
    }

    /** How many passages the index holds. */
    public long passages() throws IOException {
        return client.count(c -> c.index(alias()).query(passageEntries())).count();
    }

    /** How many passages are tagged with a partition of training {@code generation}. */
    public long inPartitions(int generation) throws IOException {
        return client.count(c -> c.index(alias()).query(q -> q.prefix(p -> p.field("partition")
            .value(Partitions.tagPrefix(generation))))).count();
    }

    /**
     * The vectors of {@code size} passages drawn at random ({@code seed}; fewer when the index's {@code passages},
     * counted by the caller, are fewer), to train
     * partitions on: each passage is kept with the same chance (a random score above a threshold), read in pages of
     * {@value #COPY_BATCH}, and kept a byte a dimension ({@link VectorSample}).
     */
    VectorSample sample(int size, int seed, long passages) throws IOException {
        VectorSample sample = new VectorSample(PassageEmbedder.DIMENSIONS, (int) Math.min(size, passages));
        if (passages == 0) {
            return sample;
        }
        // A fifth more than asked, cut to size: a random draw of exactly the share asked falls short half the time.
        float kept = (float) Math.min(1.0, 1.2 * size / passages);
        scroll(s -> s.index(alias()).minScore(1.0 - kept).query(q -> q.functionScore(fs -> fs.query(passageEntries())
                .functions(fn -> fn.randomScore(r -> r.seed(String.valueOf(seed)).field("_seq_no")))
                .boostMode(FunctionBoostMode.Replace))), hits -> {
                    hits.stream().map(Hit::source).filter(p -> p != null && p.vector() != null)
                        .limit(size - sample.size()).forEach(p -> sample.add(p.vector()));
                    return sample.size() < size;
                });
        return sample;
    }

    /**
     * Tags up to {@code size} passages that no partition of {@code partitions} holds yet with their nearest, each
     * written again whole at its version (an update would raise the external version the stage relies on; a newer
     * version written meanwhile wins, and the next batch takes it if the stage wrote it untagged); refreshes the
     * index, so the next batch no longer sees these. Only the current model's passages: one an earlier model embedded
     * is embedded again, and tagged then, by re-embedding, whose write at the same version this one would otherwise
     * undo were it read before and written after it. Returns how many it read: 0 when every passage is tagged.
     */
    public int tagBatch(Partitions partitions, int size) throws IOException {
        List<Hit<PassageDocument>> hits = client.search(s -> s.index(alias()).size(size).version(true)
            .trackTotalHits(t -> t.enabled(false))
            .query(q -> q.bool(b -> b.filter(passageEntries()).filter(f -> f.exists(e -> e.field("vector")))
                .filter(f -> f.term(t -> t.field("model").value(PassageEmbedder.MODEL)))
                .mustNot(m -> m.prefix(p -> p.field("partition").value(Partitions.tagPrefix(partitions.generation()))))))
            .source(src -> src.filter(f -> f.excludeVectors(false))), PassageDocument.class).hits().hits();
        Changes changes = new Changes();
        for (Hit<PassageDocument> hit : hits) {
            if (hit.source() != null && hit.version() != null && hit.source().vector() != null) {
                PassageDocument entry = hit.source().inPartition(partitions.tag(hit.source().vector()));
                changes.operations.add(BulkOperation.of(b -> b.index(i -> i.id(hit.id()).version(hit.version())
                    .versionType(VersionType.ExternalGte).document(entry))));
            }
        }
        apply(changes);
        refresh();
        return hits.size();
    }

    private static Query passageEntries() {
        return Query.of(q -> q.term(t -> t.field("kind").value(PassageDocument.PASSAGE)));
    }

    /** Makes what was written searchable now rather than at the next refresh. */
    public void refresh() throws IOException {
        client.indices().refresh(r -> r.index(alias()));
    }

    private static List<Float> floats(float[] vector) {
        List<Float> floats = new ArrayList<>(vector.length);
        for (float value : vector) {
            floats.add(value);
        }
        return floats;
    }
}
