package dev.wenku.ingest.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wenku.ingest.IngestApplication;
import dev.wenku.ingest.support.IngestClient;
import dev.wenku.ingest.support.IngestServiceTest;
import dev.wenku.support.testing.TestCallers;
import dev.wenku.testsupport.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of ingest-service on one database and one spool folder (shared storage, as in a cluster): both work
 * on an import one batch at a time, and every line is stored and counted once. Before, each instance worked through
 * every running import on its own, and the import counted lines twice.
 */
@IngestServiceTest(properties = {"wenku.ingest.imports.spool-folder=target/import-instances-it",
    "wenku.ingest.imports.batch-lines=20"})
class ImportInstancesIT {

    private static final int LINES = 400;

    @Autowired
    IngestClient client;

    @Autowired
    Environment environment;

    @Test
    void twoInstancesStoreEveryLineOfAnImportOnce() throws Exception {
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(IngestApplication.class).run(
                "--server.port=0", TestCallers.SECRET_ARGUMENT, "--wenku.ingest.drop-folder.enabled=false",
                "--wenku.ingest.imports.spool-folder=target/import-instances-it",
                "--wenku.ingest.imports.batch-lines=20",
                "--spring.kafka.bootstrap-servers=" + environment.getProperty("spring.kafka.bootstrap-servers"),
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password"))) {
            String id = client.postImport(slice()).text("id");

            JsonNode done = await().alias("the import is done").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> client.importProgress(id).body(), p -> !"RUNNING".equals(p.path("state").asString()));

            assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("DONE");
            assertThat(done.path("read").asInt()).as("every line read once").isEqualTo(LINES);
            assertThat(done.path("created").asInt() + done.path("unchanged").asInt() + done.path("rejected").asInt())
                .as(done.toString()).isEqualTo(LINES);
        }
    }

    private static byte[] slice() {
        List<String> lines = Fixtures.utf8(Fixtures.POETRY_SLICE).lines().limit(LINES).toList();
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
