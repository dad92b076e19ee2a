package dev.wenku.ingest.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wenku.ingest.backpressure.PipelineBacklog;
import dev.wenku.ingest.support.IngestClient;
import dev.wenku.ingest.support.IngestClient.Answer;
import dev.wenku.ingest.support.IngestServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Running an import again on the same lines sends nothing on its way through the pipeline, so the bulk backlog does
 * not hold it back: with room for only 10 documents, batches of 10 lines that are all unchanged follow each other
 * without waiting for the pipeline (before, each took the room of 10 documents until the backlog was read again, and
 * the next batch waited for that reading).
 */
@IngestServiceTest(properties = {"wenku.ingest.imports.spool-folder=target/imports-stored-lines-it",
    "wenku.ingest.imports.batch-lines=30", "wenku.ingest.bulk-backlog.min=10", "wenku.ingest.bulk-backlog.max=10"})
class ImportOfStoredLinesIT {

    private static final int LINES = 200;

    @Autowired
    IngestClient client;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anImportOfLinesAlreadyStoredDoesNotWaitForThePipeline() throws Exception {
        byte[] lines = PoetryLines.ndjson(1_000, LINES);
        JsonNode first = importToTheEnd(lines);
        assertThat(first.path("created").asInt() + first.path("unchanged").asInt() + first.path("rejected").asInt())
            .isEqualTo(LINES);
        await().alias("the first import's events are published").atMost(Duration.ofSeconds(30))
            .until(() -> jdbc.queryForObject("select count(*) from outbox", Long.class) == 0);

        double waitsBefore = waits();
        JsonNode again = importToTheEnd(lines);
        assertThat(again.path("created").asInt()).isZero();
        assertThat(again.path("updated").asInt()).isZero();
        assertThat(again.path("unchanged").asInt()).isEqualTo(LINES - first.path("rejected").asInt());
        // At most one wait: the reading left by the first import may still count its last batch.
        assertThat(waits() - waitsBefore).as("times the second import waited for the pipeline")
            .isLessThanOrEqualTo(1);
    }

    private JsonNode importToTheEnd(byte[] lines) throws Exception {
        Answer started = client.postImport(lines);
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        return await().alias("the import reaches its end").atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> client.importProgress(started.text("id")).body(),
                p -> "DONE".equals(p.path("state").asString()));
    }

    private double waits() {
        return meters.get(PipelineBacklog.WAITS).counter().count();
    }
}
