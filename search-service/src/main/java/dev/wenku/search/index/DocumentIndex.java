package dev.wenku.search.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.wenku.search.SearchProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The versioned documents index behind its alias. Readers and the indexer only ever use the alias. At start-up:
 * <ul>
 *   <li>no alias yet: the index {@code <alias>-v<N>} is created from {@code index/documents-v<N>.json} with the
 *       alias attached;</li>
 *   <li>the alias points at an older version (the mapping changed): the new index is filled from the compacted
 *       analysed-documents topic ({@link IndexRebuild}) and takes the old one's place ({@link MappingUpgrade}: the
 *       alias moved in one atomic request, one instance of several doing it under the {@link RebuildLease}).</li>
 * </ul>
 * Shards and replicas are settings ({@code wenku.search.index-shards}, {@code wenku.search.index-replicas}), not part
 * of the definition file, so a rebuild gives the new index what the running one was configured with.
 * Waits (bounded) for Elasticsearch, so the services can start in any order.
 */
@Component
public class DocumentIndex implements InitializingBean {

    static final int MAPPING_VERSION = 6;
    /**
     * Elasticsearch's default {@code index.max_result_window}, which the index definition keeps: a search can reach
     * no further than {@code from + size} of this. Deeper paging makes every shard collect and sort that many hits,
     * which is why Elasticsearch refuses it; the search API refuses it first, naming the parameter.
     */
    public static final int MAX_RESULT_WINDOW = 10_000;
    /** The index definition on the classpath, for tools that build an index of the same mapping. */
    public static final String DEFINITION = "index/documents-v" + MAPPING_VERSION + ".json";
    private static final Logger log = LoggerFactory.getLogger(DocumentIndex.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SearchProperties properties;
    private final IndexRebuild rebuild;
    private final MappingUpgrade upgrade;

    public DocumentIndex(ElasticsearchClient client, SearchProperties properties, IndexRebuild rebuild, Clock clock) {
        this.properties = properties;
        this.rebuild = rebuild;
        this.upgrade = new MappingUpgrade(client, alias(), versionedName(),
            replicas -> definition(properties.indexShards(), replicas), properties.indexReplicas(), clock);
    }

    public String alias() {
        return properties.indexAlias();
    }

    public String versionedName() {
        return properties.indexAlias() + "-v" + MAPPING_VERSION;
    }

    @Override
    public void afterPropertiesSet() throws InterruptedException {
        IndexStartup.await(versionedName(), properties.startupTimeout(), this::ensureCurrent);
    }

    void ensureCurrent() throws IOException, InterruptedException {
        upgrade.ensureCurrent(this::rebuild);
    }

    /** Fills the new index from the compacted analysed-documents topic ({@link IndexRebuild}). */
    private IndexStartup.Step rebuild(String index, Set<String> old) throws IOException {
        int documents = rebuild.fill(index);
        return () -> log.info("Mapping changed: rebuilt {} with {} documents, moved alias {} from {}", index,
            documents, alias(), old);
    }

    /**
     * The index definition ({@value #DEFINITION}: analysis, mappings) with {@code shards} and {@code replicas}, which
     * are settings of search-service rather than of the file.
     */
    public static String definition(int shards, int replicas) {
        return definition(DEFINITION, shards, replicas);
    }

    /** The index definition in the classpath resource {@code resource}, with {@code shards} and {@code replicas}. */
    public static String definition(String resource, int shards, int replicas) {
        try (InputStream file = DocumentIndex.class.getClassLoader().getResourceAsStream(resource)) {
            if (file == null) {
                throw new IOException(resource + " is missing from the classpath");
            }
            ObjectNode definition = (ObjectNode) JSON.readTree(file);
            ((ObjectNode) definition.get("settings")).put("number_of_shards", shards).put("number_of_replicas", replicas);
            return JSON.writeValueAsString(definition);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
