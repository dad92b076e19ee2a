package dev.wenku.search.index;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.EventSerializer;
import dev.wenku.events.PipelineEvent;
import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.search.SearchApplication;
import dev.wenku.support.kafka.CreateOnlyTopics;
import dev.wenku.support.kafka.PipelineTopics;
import dev.wenku.support.testing.TestCallers;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A mapping change: the alias points at an index of the previous mapping version. Starting search-service builds
 * the new index from Kafka and moves the alias atomically, while readers search through the alias all along.
 */
@ExtendWith(RealInfrastructureExtension.class)
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
                    "--spring.kafka.consumer.group-id=" + alias,
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
        }
    }

    private static DocumentAnalyzed analyzed(String id, String marker) {
        Instant now = Instant.now();
        return new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, id, 1, "迁移 " + marker, marker, "迁移 " + marker,
            marker, null, List.of(), List.of(), List.of(), null, List.of(), List.of(), null, now, now);
    }

    private static void publish(DocumentAnalyzed event) throws Exception {
        try (var producer = new KafkaProducer<String, PipelineEvent>(
                Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers()),
                new StringSerializer(), new EventSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DOCUMENTS_ANALYZED, event.documentId(), event)).get();
        }
    }
}
