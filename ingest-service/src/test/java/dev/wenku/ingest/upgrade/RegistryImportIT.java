package dev.wenku.ingest.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wenku.events.DocumentIngested;
import dev.wenku.events.EventJson;
import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.Infrastructure;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.ingest.IngestApplication;
import dev.wenku.ingest.support.IngestClient.Answer;
import dev.wenku.ingest.support.IngestClient;
import dev.wenku.ingest.support.TestDatabase;
import dev.wenku.support.kafka.CreateOnlyTopics;
import dev.wenku.support.kafka.PipelineTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An installation of an earlier version kept its document records in the compacted topic wenku.ingest.registry and
 * the texts in wenku.documents.ingested: its first start with an empty database imports them once, texts, statuses and
 * analyses included, and never again.
 */
@ExtendWith(RealInfrastructureExtension.class)
class RegistryImportIT {

    @Test
    void theRecordsOfTheKafkaRegistryAreImportedOnceWithTheirTexts() throws Exception {
        Infrastructure servers = SharedInfrastructure.get();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String registryTopic = "wenku.ingest.registry." + run;
        String kept = "legacy-kept-" + run;
        String edited = "legacy-edited-" + run;
        String deleted = "legacy-deleted-" + run;
        Instant then = Instant.parse("2026-11-20T08:00:00Z");
        // The topics an earlier release had made, as it made them.
        PipelineTopics topics = PipelineTopics.withDefaults();
        new CreateOnlyTopics(Map.of("bootstrap.servers", servers.kafkaBootstrapServers()), Duration.ofSeconds(10))
            .create(List.of(topics.compacted(registryTopic), topics.documentsIngested()));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                servers.kafkaBootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            send(producer, Topics.DOCUMENTS_INGESTED, kept, event(kept, 1, "旧的文章", "旧注册表里的正文。", then));
            send(producer, Topics.DOCUMENTS_INGESTED, edited, event(edited, 1, "改过的文章", "第一版。", then));
            send(producer, Topics.DOCUMENTS_INGESTED, edited, event(edited, 2, "改过的文章", "第二版。", then));
            send(producer, registryTopic, kept, legacy(kept, 1, "旧的文章", "INDEXED", then));
            send(producer, registryTopic, edited, legacy(edited, 2, "改过的文章", "ANALYZED", then));
            send(producer, registryTopic, deleted, legacy(deleted, 3, "删掉的文章", "DELETED", then));
            producer.flush();
        }
        String database = TestDatabase.create(servers, "wenku_import_" + System.nanoTime());
        String[] arguments = Stream.concat(Stream.of("--server.port=0", "--wenku.ingest.drop-folder.enabled=false",
            "--wenku.ingest.registry-topic=" + registryTopic), Stream.of(TestDatabase.arguments(database)))
            .toArray(String[]::new);

        try (ConfigurableApplicationContext ingest = new SpringApplicationBuilder(IngestApplication.class).run(arguments)) {
            IngestClient client = client(ingest);
            await().alias("the import at start-up").atMost(Duration.ofSeconds(60))
                .until(() -> client.get(kept).status() == 200);
            Answer record = client.get(kept);
            assertThat(record.status()).isEqualTo(200);
            assertThat(record.text("status")).isEqualTo("INDEXED");
            assertThat(record.text("title")).isEqualTo("旧的文章");
            assertThat(record.text("source")).isEqualTo("旧系统");
            assertThat(client.of(kept, "versions/1").text("body")).isEqualTo("旧注册表里的正文。");
            assertThat(client.get(edited).body().path("version").asInt()).isEqualTo(2);
            assertThat(client.of(edited, "versions/2").text("body")).isEqualTo("第二版。");
            assertThat(client.get(deleted).text("status")).isEqualTo("DELETED");
            assertThat(client.list("size=10").body().path("total").asInt()).as("deleted ones are not listed")
                .isEqualTo(2);
        }

        String later = "legacy-later-" + run;
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                servers.kafkaBootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            send(producer, registryTopic, later, legacy(later, 1, "后来的记录", "INDEXED", then));
        }
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(IngestApplication.class)
                .run(arguments)) {
            await().alias("the restarted service has looked at the import").atMost(Duration.ofSeconds(60))
                .until(() -> client(restarted).list("size=1").status() == 200);
            assertThat(client(restarted).get(later).status()).as("imported once, not at every start").isEqualTo(404);
            assertThat(client(restarted).get(kept).status()).isEqualTo(200);
        }
    }

    private static IngestClient client(ConfigurableApplicationContext context) {
        return new IngestClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    private static byte[] event(String id, long version, String title, String body, Instant at) {
        return EventJson.MAPPER.writeValueAsBytes(DocumentIngested.of(id, version, title, body, "旧系统", List.of("旧"),
            at));
    }

    /** A record as the Kafka-backed registry wrote it. */
    private static byte[] legacy(String id, long version, String title, String status, Instant at) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("version", version);
        record.put("title", title);
        record.put("source", "旧系统");
        record.put("tags", List.of("旧"));
        record.put("contentHash", "hash-" + id);
        record.put("repairs", Map.of("pinyinAnnotations", 2));
        record.put("warnings", List.of());
        record.put("status", status);
        record.put("createdAt", at.toString());
        record.put("updatedAt", at.toString());
        return EventJson.MAPPER.writeValueAsBytes(record);
    }
}
