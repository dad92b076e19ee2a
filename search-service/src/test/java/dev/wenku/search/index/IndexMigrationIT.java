package dev.wenku.search.index;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch.indices.IndexSettings;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.search.SearchApplication;
import dev.wenku.support.kafka.CreateOnlyTopics;
import dev.wenku.support.kafka.PipelineTopics;
import dev.wenku.support.testing.TestCallers;
import dev.wenku.support.testing.TestEvents;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.event.ConsumerPausedEvent;

/**
 * A mapping change: the alias points at an index of the previous mapping version. Starting search-service builds
 * the new index from Kafka and moves the alias atomically, while readers search through the alias all along.
 */
@ExtendWith({RealInfrastructureExtension.class, OutputCaptureExtension.class})
class IndexMigrationIT {

    private static final int DOCUMENTS = 20;

    @Test
    void aMappingChangeRebuildsTheIndexAndSwapsTheAliasWithoutAnErrorOrAMissingDocument() throws Exception {
        String alias = "migration-" + UUID.randomUUID();
        String marker = "癸" + UUID.randomUUID().toString().substring(0, 8);
        try (Rest5Client rest = Rest5Client.builder(URI.create(SharedInfrastructure.get().elasticsearchUrl())).build()) {
            ElasticsearchClient client = new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
            client.indices().create(c -> c.index(alias + "-v1").aliases(alias, a -> a).withJson(new StringReader("""
                {"mappings": {"properties": {"simplifiedBody": {"type": "text"}, "id": {"type": "keyword"}}}}""")));
            // The topic as search-service would have made it on an earlier start.
            new CreateOnlyTopics(Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers()),
                Duration.ofSeconds(10)).create(List.of(PipelineTopics.withDefaults().documentsAnalyzed()));
            for (int i = 0; i < DOCUMENTS; i++) {
                String id = marker + "-" + i;
                client.index(x -> x.index(alias).id(id).document(Map.of("id", id, "simplifiedBody", marker)));
                publish(analyzed(id, marker));
            }
            client.indices().refresh(r -> r.index(alias));

            List<String> failures = new CopyOnWriteArrayList<>();
            AtomicInteger searches = new AtomicInteger();
            AtomicBoolean reading = new AtomicBoolean(true);
            Thread reader = new Thread(() -> {
                while (reading.get()) {
                    try {
                        // Both tokens of the marker: documents of other tests in the rebuilt index may share one.
                        long found = client.search(s -> s.index(alias).size(0).trackTotalHits(t -> t.enabled(true))
                            .query(q -> q.match(m -> m.field("simplifiedBody").query(marker)
                                .operator(Operator.And))), Void.class)
                            .hits().total().value();
                        searches.incrementAndGet();
                        if (found != DOCUMENTS) {
                            failures.add("found " + found);
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            });
            reader.start();
            try (ConfigurableApplicationContext search = new SpringApplicationBuilder(SearchApplication.class).run(
                    "--server.port=0", TestCallers.SECRET_ARGUMENT, "--wenku.search.index-alias=" + alias,
                    "--wenku.search.index-shards=2", "--spring.kafka.consumer.group-id=" + alias,
                    "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.get().kafkaBootstrapServers(),
                    "--spring.elasticsearch.uris=" + SharedInfrastructure.get().elasticsearchUrl())) {
                // The alias was moved during the start: readers go on searching through it afterwards.
                int afterStart = searches.get();
                await().alias("five more searches through the alias after the swap").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50)).until(() -> searches.get() >= afterStart + 5);
            } finally {
                reading.set(false);
                reader.join();
            }

            assertEquals(List.of(), failures, "searches during the swap");
            assertTrue(searches.get() > 5, "the reader searched throughout: " + searches.get());
            assertEquals(List.of(alias + "-v" + DocumentIndex.MAPPING_VERSION),
                List.copyOf(client.indices().getAlias(a -> a.name(alias)).aliases().keySet()));
            assertFalse(client.indices().exists(e -> e.index(alias + "-v1")).value(), "the old index is gone");
            IndexSettings rebuilt = settings(client, alias + "-v" + DocumentIndex.MAPPING_VERSION);
            assertEquals("2", rebuilt.numberOfShards(), "the rebuilt index has the configured shards");
            assertEquals("0", rebuilt.numberOfReplicas());
        }
    }

    /**
     * The alias disappears under a running search-service (deleted by hand, or a snapshot restored without it): no
     * write creates a plain index of its name, indexing waits as in an outage, and once the index is back every
     * document waiting is written. The index has the configured replicas.
     */
    @Test
    void writesWithoutTheAliasCreateNoIndexAndWaitUntilItIsBack() throws Exception {
        String alias = "require-alias-" + UUID.randomUUID();
        String index = alias + "-v" + DocumentIndex.MAPPING_VERSION;
        String marker = "壬" + UUID.randomUUID().toString().substring(0, 8);
        try (Rest5Client rest = Rest5Client.builder(URI.create(SharedInfrastructure.get().elasticsearchUrl())).build();
             ConfigurableApplicationContext search = new SpringApplicationBuilder(SearchApplication.class).run(
                 "--server.port=0", TestCallers.SECRET_ARGUMENT, "--wenku.search.index-alias=" + alias,
                 "--wenku.search.index-replicas=1", "--wenku.outage.max-pause=1s",
                 "--spring.kafka.consumer.group-id=" + alias,
                 "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.get().kafkaBootstrapServers(),
                 "--spring.elasticsearch.uris=" + SharedInfrastructure.get().elasticsearchUrl())) {
            ElasticsearchClient client = new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
            try {
                assertEquals("1", settings(client, index).numberOfReplicas(), "the configured replicas");
                client.indices().delete(d -> d.index(index));
                AtomicInteger paused = new AtomicInteger();
                search.addApplicationListener(event -> {
                    if (event instanceof ConsumerPausedEvent) {
                        paused.incrementAndGet();
                    }
                });

                publish(analyzed(marker + "-0", marker));
                await().alias("indexing waits for the missing alias").atMost(Duration.ofSeconds(30))
                    .until(() -> paused.get() > 0);
                assertFalse(client.indices().exists(e -> e.index(alias)).value(), "no plain index named " + alias);

                search.getBean(DocumentIndex.class).ensureCurrent();
                await().alias("the waiting document is written once the index is back").atMost(Duration.ofSeconds(60))
                    .until(() -> client.search(s -> s.index(alias).size(0).query(q -> q.ids(i -> i.values(marker + "-0"))),
                        Void.class).hits().total().value() == 1);
            } finally {
                client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
            }
        }
    }

    /**
     * Two instances of the new version start together (a rolling upgrade, or a scaled deployment): both start, the
     * alias ends on the new index, and the index has every document once.
     */
    @Test
    void twoInstancesStartingTogetherRebuildOnceAndBothStart() throws Exception {
        String alias = "together-" + UUID.randomUUID();
        String marker = "甲" + UUID.randomUUID().toString().substring(0, 8);
        int documents = 3000;
        try (Rest5Client rest = Rest5Client.builder(URI.create(SharedInfrastructure.get().elasticsearchUrl())).build()) {
            ElasticsearchClient client = new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
            client.indices().create(c -> c.index(alias + "-v1").aliases(alias, a -> a));
            new CreateOnlyTopics(Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers()),
                Duration.ofSeconds(10)).create(List.of(PipelineTopics.withDefaults().documentsAnalyzed()));
            publish(IntStream.range(0, documents).mapToObj(i -> analyzed(marker + "-" + i, marker)).toList());

            List<CompletableFuture<ConfigurableApplicationContext>> starts = IntStream.range(0, 2)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> new SpringApplicationBuilder(SearchApplication.class)
                    .run("--server.port=0", TestCallers.SECRET_ARGUMENT, "--wenku.search.index-alias=" + alias,
                        "--spring.kafka.consumer.group-id=" + alias,
                        "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.get().kafkaBootstrapServers(),
                        "--spring.elasticsearch.uris=" + SharedInfrastructure.get().elasticsearchUrl())))
                .toList();
            List<String> failures = new ArrayList<>();
            for (CompletableFuture<ConfigurableApplicationContext> start : starts) {
                try (ConfigurableApplicationContext started = start.get(3, TimeUnit.MINUTES)) {
                    assertTrue(started.isActive());
                } catch (ExecutionException e) {
                    failures.add(e.getCause().toString());
                }
            }

            assertEquals(List.of(), failures, "both instances started");
            String index = alias + "-v" + DocumentIndex.MAPPING_VERSION;
            assertEquals(List.of(index), List.copyOf(client.indices().getAlias(a -> a.name(alias)).aliases().keySet()));
            assertFalse(client.indices().exists(e -> e.index(alias + "-v1")).value(), "the old index is gone");
            client.indices().refresh(r -> r.index(index));
            assertEquals(documents, client.count(c -> c.index(alias).query(q -> q.prefix(p -> p.field("id")
                .value(marker + "-")))).count(), "every document once");
            assertFalse(client.exists(e -> e.index(alias + "-leases").id(index)).value(), "the lease was released");
            client.indices().delete(d -> d.index(index));
        }
    }

    /**
     * While another instance holds the rebuild lease, a starting instance leaves the alias and the indices alone and
     * waits; once the lease is released it looks again and, the alias not having moved, rebuilds itself.
     */
    @Test
    void anInstanceWaitsWhileAnotherHoldsTheLease(CapturedOutput output) throws Exception {
        String alias = "held-" + UUID.randomUUID();
        String index = alias + "-v" + DocumentIndex.MAPPING_VERSION;
        try (Rest5Client rest = Rest5Client.builder(URI.create(SharedInfrastructure.get().elasticsearchUrl())).build()) {
            ElasticsearchClient client = new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
            client.indices().create(c -> c.index(alias + "-v1").aliases(alias, a -> a));
            // A holder that renewed just now: the lease stays its own for a whole term.
            client.index(i -> i.index(alias + "-leases").id(index).refresh(Refresh.True)
                .document(new RebuildLease.Holder("rebuilding/1", Instant.now().toEpochMilli())));

            CompletableFuture<ConfigurableApplicationContext> start = CompletableFuture.supplyAsync(
                () -> new SpringApplicationBuilder(SearchApplication.class).run("--server.port=0",
                    TestCallers.SECRET_ARGUMENT, "--wenku.search.index-alias=" + alias,
                    "--spring.kafka.consumer.group-id=" + alias,
                    "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.get().kafkaBootstrapServers(),
                    "--spring.elasticsearch.uris=" + SharedInfrastructure.get().elasticsearchUrl()));
            try {
                await().alias("the starting instance waits for the holder").atMost(Duration.ofSeconds(60))
                    .until(() -> output.getOut().contains("Another instance is rebuilding " + index));
                assertEquals(List.of(alias + "-v1"), List.copyOf(client.indices().getAlias(a -> a.name(alias))
                    .aliases().keySet()), "the alias is the holder's business meanwhile");
                assertFalse(client.indices().exists(e -> e.index(index)).value(), "no second rebuild begun");

                client.delete(d -> d.index(alias + "-leases").id(index).refresh(Refresh.True));
                try (ConfigurableApplicationContext started = start.get(2, TimeUnit.MINUTES)) {
                    assertEquals(List.of(index), List.copyOf(client.indices().getAlias(a -> a.name(alias)).aliases()
                        .keySet()), "rebuilt once the lease was free");
                }
            } finally {
                start.cancel(true);
                client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
            }
        }
    }

    /** The instance that held the rebuild lease was killed: the next one to start takes it over and rebuilds. */
    @Test
    void aLeaseItsHolderStoppedRenewingIsTakenOver() throws Exception {
        String alias = "taken-over-" + UUID.randomUUID();
        String index = alias + "-v" + DocumentIndex.MAPPING_VERSION;
        try (Rest5Client rest = Rest5Client.builder(URI.create(SharedInfrastructure.get().elasticsearchUrl())).build()) {
            ElasticsearchClient client = new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
            client.indices().create(c -> c.index(alias + "-v1").aliases(alias, a -> a));
            long silentSince = Instant.now().minus(RebuildLease.TERM).minusSeconds(5).toEpochMilli();
            client.index(i -> i.index(alias + "-leases").id(index).refresh(Refresh.True)
                .document(new RebuildLease.Holder("killed/1", silentSince)));

            try (ConfigurableApplicationContext search = new SpringApplicationBuilder(SearchApplication.class).run(
                    "--server.port=0", TestCallers.SECRET_ARGUMENT, "--wenku.search.index-alias=" + alias,
                    "--spring.kafka.consumer.group-id=" + alias,
                    "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.get().kafkaBootstrapServers(),
                    "--spring.elasticsearch.uris=" + SharedInfrastructure.get().elasticsearchUrl())) {
                assertEquals(List.of(index), List.copyOf(client.indices().getAlias(a -> a.name(alias)).aliases()
                    .keySet()), "rebuilt and swapped by the instance that took the lease over");
            } finally {
                client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
            }
        }
    }

    private static IndexSettings settings(ElasticsearchClient client, String index) throws Exception {
        return client.indices().getSettings(g -> g.index(index)).get(index).settings().index();
    }

    private static DocumentAnalyzed analyzed(String id, String marker) {
        Instant now = Instant.now();
        return new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, id, 1, "迁移 " + marker, marker, "迁移 " + marker,
            marker, null, List.of(), List.of(), List.of(), null, List.of(), List.of(), null, now, now);
    }

    private static void publish(DocumentAnalyzed event) throws Exception {
        publish(List.of(event));
    }

    private static void publish(List<DocumentAnalyzed> events) throws Exception {
        TestEvents.publish(SharedInfrastructure.get().kafkaBootstrapServers(), Topics.DOCUMENTS_ANALYZED, events);
    }
}
