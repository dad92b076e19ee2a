package dev.wenku.search.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.wenku.search.SearchProperties;
import dev.wenku.support.identity.Instances;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
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
 *   <li>the alias points at an older version (the mapping changed): the new index is created and filled from the
 *       compacted analysed-documents topic ({@link IndexRebuild}), the alias is moved to it in one atomic request,
 *       and the old index is deleted. Until the swap, searches (of other instances) keep using the old index. Of
 *       several instances starting together, the one holding the {@link RebuildLease} does this; the others wait
 *       until the alias has moved (and take over if the holder dies).</li>
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
    /** How often an instance waiting for another's rebuild looks whether it is done, or its lease expired. */
    private static final Duration LEASE_POLL = Duration.ofSeconds(1);

    private final ElasticsearchClient client;
    private final SearchProperties properties;
    private final IndexRebuild rebuild;
    private final Clock clock;
    private final String instance = Instances.newName();

    public DocumentIndex(ElasticsearchClient client, SearchProperties properties, IndexRebuild rebuild, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.rebuild = rebuild;
        this.clock = clock;
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
        boolean told = false;
        while (true) {
            Set<String> current = indicesBehindAlias();
            if (current.contains(versionedName())) {
                applyReplicas();
                return;
            }
            if (current.isEmpty()) {
                create(true);
                log.info("Created index {} behind alias {}", versionedName(), alias());
                return;
            }
            Optional<RebuildLease> lease = RebuildLease.acquire(client, leaseIndex(), versionedName(), instance, clock);
            if (lease.isPresent()) {
                try (RebuildLease held = lease.get()) {
                    rebuildFrom(current);
                }
                continue;
            }
            if (!told) {
                log.info("Another instance is rebuilding {}; waiting for it to move alias {}", versionedName(), alias());
                told = true;
            }
            Thread.sleep(LEASE_POLL.toMillis());
        }
    }

    /** The index of the rebuild leases ({@link RebuildLease}). */
    String leaseIndex() {
        return alias() + "-leases";
    }

    private void rebuildFrom(Set<String> current) throws IOException {
        if (!indicesBehindAlias().equals(current)) {
            return; // Swapped by the lease's previous holder between our look and our lease: look again.
        }
        create(false);
        int documents = rebuild.fill(versionedName());
        applyReplicas();
        swapAlias(current);
        for (String old : current) {
            client.indices().delete(d -> d.index(old).ignoreUnavailable(true));
        }
        log.info("Mapping changed: rebuilt {} with {} documents, moved alias {} from {}", versionedName(), documents,
            alias(), current);
    }

    private Set<String> indicesBehindAlias() throws IOException {
        return IndexStartup.indicesBehind(client, alias());
    }

    /**
     * Creates the index with the configured shards; with the configured replicas when it goes live at once, without
     * them when it is to be filled first (a bulk load writes each document once instead of once per copy).
     */
    private void create(boolean withAlias) throws IOException {
        IndexStartup.createUnlessExists(client, versionedName(), withAlias ? alias() : null,
            definition(properties.indexShards(), withAlias ? properties.indexReplicas() : 0));
    }

    /**
     * Gives the live index the configured replicas: the setting is what the index has after every start and every
     * rebuild (Elasticsearch changes replicas of a live index without a rebuild).
     */
    private void applyReplicas() throws IOException {
        IndexStartup.applyReplicas(client, versionedName(), properties.indexReplicas());
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

    private void swapAlias(Set<String> oldIndices) throws IOException {
        IndexStartup.swapAlias(client, alias(), oldIndices, versionedName());
    }
}
