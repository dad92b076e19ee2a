package dev.wenku.ingest.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.ingest.backpressure.PipelineBacklog;
import dev.wenku.ingest.support.IngestClient;
import dev.wenku.ingest.support.IngestClient.Answer;
import dev.wenku.ingest.support.IngestServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * An import waits for the pipeline: while a consumer of {@code wenku.documents.ingested} (standing in for a stalled
 * analysis-service) consumes nothing, the import stores no more than the bulk backlog allows; once that consumer is
 * gone, the import goes on to the end. The backlog is fixed at 100 documents (min = max), batches are 30 lines, so
 * 100 is no whole number of batches.
 */
@IngestServiceTest(properties = {"wenku.ingest.imports.spool-folder=target/imports-backpressure-it",
    "wenku.ingest.imports.batch-lines=30", "wenku.ingest.bulk-backlog.min=100", "wenku.ingest.bulk-backlog.max=100"})
class ImportBackpressureIT {

    private static final int LINES = 600;

    @Autowired
    IngestClient client;

    @Autowired
    MeterRegistry meters;

    @Test
    void anImportWaitsWhileThePipelineLagsAndGoesOnWhenItCatchesUp() throws Exception {
        Answer started;
        try (KafkaConsumer<byte[], byte[]> stalled = stalledConsumer()) {
            started = client.postImport(PoetryLines.ndjson(0, LINES));
            assertThat(started.status()).as(started.raw()).isEqualTo(202);
            String id = started.text("id");

            // A published batch may be counted twice for a moment (its outbox rows are deleted after they are sent),
            // so the import may pause briefly before 100: wait for it to wait with 100 stored.
            await().alias("the import waits for the pipeline").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> meters.get(PipelineBacklog.WAITING).longTaskTimer().activeTasks() > 0
                    && created(id) >= 100);
            // 100 documents may be on their way, and no more: a batch shrinks to the room left under the limit
            // (lines rejected or unchanged send nothing on its way, so only the documents created count).
            await().alias("the import stays waiting while the pipeline lags").during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> created(id) == 100 && "RUNNING".equals(client.importProgress(id).body().path("state")
                    .asString()));
            assertThat(meters.get(PipelineBacklog.PENDING).gauge().value()).isGreaterThanOrEqualTo(100);
        }
        // The stalled consumer left its group: nobody is waited for any more.
        JsonNode done = await().alias("the import goes on to the end").atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> client.importProgress(started.text("id")).body(),
                p -> "DONE".equals(p.path("state").asString()));
        assertThat(done.path("read").asInt()).isEqualTo(LINES);
        assertThat(done.path("created").asInt() + done.path("unchanged").asInt() + done.path("rejected").asInt())
            .isEqualTo(LINES);
    }

    private int created(String id) throws Exception {
        return client.importProgress(id).body().path("created").asInt();
    }

    /**
     * A member of a consumer group of the ingested topic that commits its position at the end of the topic once and
     * then consumes nothing: every document published after it is lag.
     */
    private static KafkaConsumer<byte[], byte[]> stalledConsumer() {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            "bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers(),
            "group.id", "stalled-" + UUID.randomUUID(),
            "auto.offset.reset", "latest",
            "enable.auto.commit", false),
            new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.DOCUMENTS_INGESTED));
        await().alias("the stalled consumer holds its partitions").atMost(Duration.ofSeconds(30))
            .until(() -> {
                consumer.poll(Duration.ofMillis(100));
                return !consumer.assignment().isEmpty();
            });
        consumer.assignment().forEach(consumer::position);
        consumer.commitSync();
        return consumer;
    }
}
