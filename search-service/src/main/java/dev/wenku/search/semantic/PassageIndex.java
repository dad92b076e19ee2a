package dev.wenku.search.semantic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.wenku.search.SearchProperties;
import dev.wenku.search.index.DocumentIndex;
import dev.wenku.search.index.IndexStartup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * The passages index behind its alias {@code <index-alias>-passages}: one entry per passage with its vector and one
 * per document ({@link PassageDocument}). It is apart from the documents index because its entries are written
 * later, by a consumer of their own, and because a mapping change of either must not rebuild the other (re-embedding
 * costs hours of CPU on a large corpus; re-indexing costs minutes).
 *
 * <p>Entries carry the document's version as an external version: Elasticsearch itself refuses a write older than
 * what it holds, so a late retry of an old version can never replace a newer one's passages.
 */
public class PassageIndex implements InitializingBean {

    static final int MAPPING_VERSION = 1;
    static final String DEFINITION = "index/passages-v" + MAPPING_VERSION + ".json";
    private static final Logger log = LoggerFactory.getLogger(PassageIndex.class);

    /** What the index holds for a document: the version its passages came from, and how many there are. */
    public record Stored(long version, int passages) {
    }

    /** A passage near a query vector. */
    public record Nearest(String documentId, int number, String text, int start, int end) {
    }

    /** The source fields {@link #stored} reads; boxed, since Jackson refuses a missing primitive. */
    private record Entry(Integer passages) {
    }

    private final ElasticsearchClient client;
    private final SearchProperties properties;

    public PassageIndex(ElasticsearchClient client, SearchProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    public String alias() {
        return properties.indexAlias() + "-passages";
    }

    String versionedName() {
        return alias() + "-v" + MAPPING_VERSION;
    }

    /**
     * Creates the index with its alias unless it exists, and gives it the configured replicas, waiting (bounded) for
     * Elasticsearch.
     */
    @Override
    public void afterPropertiesSet() throws InterruptedException {
        IndexStartup.await(versionedName(), properties.startupTimeout(), () -> {
            String definition = DocumentIndex.definition(DEFINITION, properties.indexShards(),
                properties.indexReplicas());
            if (IndexStartup.createUnlessExists(client, versionedName(), alias(), definition)) {
                log.info("Created index {} behind alias {}", versionedName(), alias());
            }
            IndexStartup.applyReplicas(client, versionedName(), properties.indexReplicas());
        });
    }

    /** What the index holds for each of {@code documentIds} that it has, read in real time (no refresh needed). */
    public Map<String, Stored> stored(Collection<String> documentIds) throws IOException {
        if (documentIds.isEmpty()) {
            return Map.of();
        }
        List<String> ids = documentIds.stream().map(PassageDocument::documentEntryId).toList();
        Map<String, Stored> stored = new HashMap<>();
        for (MultiGetResponseItem<Entry> item : client.mget(m -> m.index(alias()).ids(ids).realtime(true)
                .sourceIncludes("passages"), Entry.class).docs()) {
            if (item.isFailure()) {
                throw new IOException("Cannot read " + item.failure().id() + ": " + item.failure().error().reason());
            }
            var result = item.result();
            if (result.found() && result.source() != null && result.version() != null) {
                String id = result.id();
                Integer passages = result.source().passages();
                stored.put(id.substring(0, id.length() - PassageDocument.DOCUMENT.length() - 1),
                    new Stored(result.version(), passages == null ? 0 : passages));
            }
        }
        return stored;
    }

    /** A bulk request's operations, built per document by {@link #replace} and {@link #remove}. */
    public static final class Changes {

        private final List<BulkOperation> operations = new ArrayList<>();

        /**
         * Writes a version's entries and deletes passages an earlier version had past the new count, all with the
         * new version, so none of it can overtake a newer version.
         */
        public Changes replace(long version, List<PassageDocument> entries, int previousPassages) {
            String documentId = entries.getFirst().documentId();
            int passages = 0;
            for (PassageDocument entry : entries) {
                operations.add(BulkOperation.of(b -> b.index(i -> i.id(entry.id()).version(version)
                    .versionType(VersionType.External).document(entry))));
                passages += PassageDocument.PASSAGE.equals(entry.kind()) ? 1 : 0;
            }
            for (int number = passages + 1; number <= previousPassages; number++) {
                String id = PassageDocument.passageId(documentId, number);
                operations.add(BulkOperation.of(b -> b.delete(d -> d.id(id).version(version)
                    .versionType(VersionType.External))));
            }
            return this;
        }

        /** Deletes a document's entry and its {@code passages} passages (the document was deleted). */
        public Changes remove(String documentId, int passages) {
            operations.add(BulkOperation.of(b -> b.delete(d -> d.id(PassageDocument.documentEntryId(documentId)))));
            for (int number = 1; number <= passages; number++) {
                String id = PassageDocument.passageId(documentId, number);
                operations.add(BulkOperation.of(b -> b.delete(d -> d.id(id))));
            }
            return this;
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
        if (changes.isEmpty()) {
            return;
        }
        BulkResponse response = client.bulk(b -> b.index(alias()).operations(changes.operations));
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

    /**
     * The {@code k} passages nearest to {@code vector} (approximate kNN over the passages' HNSW graph, examining
     * {@code candidates} per shard).
     */
    public List<Nearest> nearest(float[] vector, int k, int candidates) throws IOException {
        List<Float> query = new ArrayList<>(vector.length);
        for (float value : vector) {
            query.add(value);
        }
        return client.search(s -> s.index(alias()).size(k)
                .knn(n -> n.field("vector").queryVector(query).k(k).numCandidates(Math.max(k, candidates))
                    .filter(f -> f.term(t -> t.field("kind").value(PassageDocument.PASSAGE))))
                .source(src -> src.filter(f -> f.excludes("vector"))), PassageDocument.class)
            .hits().hits().stream().map(Hit::source).filter(Objects::nonNull)
            .map(p -> new Nearest(p.documentId(), p.number(), p.text(), p.start(), p.end())).toList();
    }
}
