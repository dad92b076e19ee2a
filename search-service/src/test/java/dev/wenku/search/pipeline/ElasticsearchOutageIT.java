package dev.wenku.search.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.EventSerializer;
import dev.wenku.events.PipelineEvent;
import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.FreePorts;
import dev.wenku.infrastructure.launcher.LocalServers;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.RunningServer;
import dev.wenku.search.SearchApplication;
import dev.wenku.support.testing.TestCallers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.event.ConsumerPausedEvent;
import org.springframework.kafka.event.ListenerContainerIdleEvent;

/**
 * Elasticsearch is killed with SIGKILL in the middle of a load and restarted: search-service pauses, resumes by
 * itself, and in the end every document is searchable exactly once and every record's offset committed. Uses servers
 * of its own, since it kills one.
 */
class ElasticsearchOutageIT {

    private static final int DOCUMENTS = 5000;
    private static final int KILLED_AFTER = 1500;

    @TempDir
    Path data;

    @Test
    void everyDocumentOfALoadIsIndexedExactlyOnceAndCommittedAcrossAnElasticsearchCrash() throws Exception {
        LocalServers servers = new LocalServers(ProjectLayout.locate(), data.resolve("logs"), null);
        int elasticsearchPort = FreePorts.next();
        try (RunningServer kafka = servers.startKafka(data.resolve("kafka"), FreePorts.next())) {
            RunningServer elasticsearch = servers.startElasticsearch(data.resolve("elasticsearch"), elasticsearchPort);
            try (ConfigurableApplicationContext search = new SpringApplicationBuilder(SearchApplication.class).run(
                    "--server.port=0", TestCallers.SECRET_ARGUMENT, "--spring.kafka.bootstrap-servers=" + kafka.address(),
                    "--spring.elasticsearch.uris=" + elasticsearch.address(), "--wenku.outage.max-pause=2s");
                 var producer = new KafkaProducer<String, PipelineEvent>(Map.of("bootstrap.servers", kafka.address(),
                     "acks", "all"), new StringSerializer(), new EventSerializer())) {
                // A failed batch is retried with the consumer paused: search-service has noticed the outage.
                AtomicInteger retriedBatches = new AtomicInteger();
                search.addApplicationListener(event -> {
                    if (event instanceof ConsumerPausedEvent) {
                        retriedBatches.incrementAndGet();
                    }
                });
                publish(producer, 0, KILLED_AFTER);
                // Killed while search-service is writing: some of the first documents are in, the rest in flight.
                awaitCount(elasticsearch.address(), 1, Duration.ofSeconds(60));
                elasticsearch.process().kill();
                publish(producer, KILLED_AFTER, DOCUMENTS);
                await().alias("search-service retries a batch it could not write").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100)).until(retriedBatches::get, count -> count > 0);
                elasticsearch = servers.startElasticsearch(data.resolve("elasticsearch"), elasticsearchPort);
                awaitCount(elasticsearch.address(), DOCUMENTS, Duration.ofSeconds(180));
                // Batches whose last request was left in flight while the next was fetched are complete too.
                awaitEverythingCommitted(kafka.address(), Duration.ofSeconds(30));
                // Every offset committed: every write search-service will make for this load is made.
                assertEquals(DOCUMENTS, count(elasticsearch.address()),
                    "documents searchable once (ids are unique, so a duplicate would be a count above " + DOCUMENTS + ")");
                assertEquals(DOCUMENTS, distinctIds(elasticsearch.address()), "distinct documents searchable");
                // With nothing to read, the listener's idle check runs: it completes a batch left in flight when no
                // other batch follows (indexing paused).
                CountDownLatch idle = new CountDownLatch(1);
                search.addApplicationListener(event -> {
                    if (event instanceof ListenerContainerIdleEvent) {
                        idle.countDown();
                    }
                });
                assertTrue(idle.await(15, TimeUnit.SECONDS), "the indexing listener's idle check ran");
            } finally {
                elasticsearch.close();
            }
        }
    }

    private static void publish(KafkaProducer<String, PipelineEvent> producer, int from, int to) throws Exception {
        List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
        for (int i = from; i < to; i++) {
            DocumentAnalyzed event = document(i);
            sent.add(producer.send(new ProducerRecord<>(Topics.DOCUMENTS_ANALYZED, event.documentId(), event)));
        }
        for (var acknowledged : sent) {
            acknowledged.get();
        }
    }

    /** Waits until at least {@code expected} of the load's documents are searchable (Elasticsearch may be starting). */
    private static void awaitCount(String elasticsearchUrl, long expected, Duration timeout) {
        await().alias(expected + " documents of the load searchable").atMost(timeout).pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .until(() -> count(elasticsearchUrl), count -> count >= expected);
    }

    /** The load's documents searchable now, after a refresh makes every acknowledged write visible. */
    private static long count(String elasticsearchUrl) throws Exception {
        try (Rest5Client rest = Rest5Client.builder(URI.create(elasticsearchUrl)).build()) {
            ElasticsearchClient client = new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
            client.indices().refresh(r -> r.index("wenku-documents"));
            return client.count(c -> c.index("wenku-documents")
                .query(q -> q.match(m -> m.field("simplifiedBody").query("断电测试")))).count();
        }
    }

    /** Waits until search-service committed the offset of every record of the analysed topic. */
    private static void awaitEverythingCommitted(String bootstrapServers, Duration timeout) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            await().alias("no record whose offset search-service has not committed").atMost(timeout)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                .until(() -> uncommitted(admin), uncommitted -> uncommitted == 0);
        }
    }

    private static long uncommitted(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("search-service")
            .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(Topics.DOCUMENTS_ANALYZED)).allTopicNames().get()
            .get(Topics.DOCUMENTS_ANALYZED).partitions()
            .forEach(p -> latest.put(new TopicPartition(Topics.DOCUMENTS_ANALYZED, p.partition()), OffsetSpec.latest()));
        long uncommitted = 0;
        for (var endOffset : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata offset = committed.get(endOffset.getKey());
            uncommitted += endOffset.getValue().offset() - (offset == null ? 0 : offset.offset());
        }
        return uncommitted;
    }

    private static long distinctIds(String elasticsearchUrl) throws Exception {
        try (Rest5Client rest = Rest5Client.builder(URI.create(elasticsearchUrl)).build()) {
            ElasticsearchClient client = new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
            return client.search(s -> s.index("wenku-documents").size(0)
                    .aggregations("ids", a -> a.cardinality(c -> c.field("id").precisionThreshold(40000))),
                Void.class).aggregations().get("ids").cardinality().value();
        }
    }

    private static DocumentAnalyzed document(int i) {
        Instant now = Instant.now();
        return new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, "outage-" + i, 1, "文章" + i, "断电测试 " + i,
            "文章" + i, "断电测试 " + i, null, List.of(), List.of(), List.of(), null, List.of(), List.of(), null, now, now);
    }
}
