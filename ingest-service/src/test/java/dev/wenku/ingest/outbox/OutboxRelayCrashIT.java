package dev.wenku.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wenku.events.DocumentIngested;
import dev.wenku.events.EventJson;
import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.ChildProcess;
import dev.wenku.infrastructure.launcher.FreePorts;
import dev.wenku.infrastructure.launcher.Infrastructure;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.ServiceModule;
import dev.wenku.infrastructure.launcher.ServiceProcesses;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.ingest.IngestApplication;
import dev.wenku.ingest.support.IngestClient;
import dev.wenku.ingest.support.TestDatabase;
import dev.wenku.kafkatable.TopicSnapshot;
import dev.wenku.support.testing.TestCallers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The relay is killed with SIGKILL in the middle of publishing the outbox (with small batches, while about half of it
 * is still waiting), and another instance takes over: every version's event reaches Kafka, each document's versions in
 * order (a batch cut short may be sent twice, which consumers take as the same version again).
 */
@ExtendWith(RealInfrastructureExtension.class)
class OutboxRelayCrashIT {

    private static final int DOCUMENTS = 100;
    private static final int VERSIONS = 6;

    @TempDir
    Path logs;

    @Test
    void everyVersionsEventIsPublishedInOrderAfterTheRelayWasKilledMidBatch() throws Exception {
        Infrastructure servers = SharedInfrastructure.get();
        String database = TestDatabase.create(servers, "wenku_relay_crash_" + System.nanoTime());
        String run = UUID.randomUUID().toString().substring(0, 8);
        Set<String> ids = new HashSet<>();

        // An instance that stores but does not relay: the outbox fills up.
        try (ConfigurableApplicationContext writer = new SpringApplicationBuilder(IngestApplication.class).run(
                Stream.concat(Stream.of("--server.port=0", "--wenku.ingest.drop-folder.enabled=false",
                    "--wenku.ingest.outbox.enabled=false"), Stream.of(TestDatabase.arguments(database)))
                    .toArray(String[]::new))) {
            IngestClient client = new IngestClient(Integer.parseInt(writer.getEnvironment()
                .getProperty("local.server.port")));
            for (int d = 0; d < DOCUMENTS; d++) {
                String id = client.postJson(json(run, d, 1)).text("id");
                ids.add(id);
                for (int v = 2; v <= VERSIONS; v++) {
                    assertThat(client.put(id, json(run, d, v)).status()).isEqualTo(202);
                }
            }
        }
        int total = DOCUMENTS * VERSIONS;
        assertThat(outbox(database)).isEqualTo(total);

        // A relay in a process of its own, killed while about half the outbox is published.
        List<String> relay = new ArrayList<>(List.of("--wenku.ingest.drop-folder.enabled=false",
            "--wenku.ingest.outbox.batch-size=5", "--spring.kafka.bootstrap-servers=" + servers.kafkaBootstrapServers(),
            "--spring.datasource.url=" + database, "--spring.datasource.username=" + servers.postgresUsername()));
        Map<String, String> secret = Map.of("SPRING_DATASOURCE_PASSWORD", servers.postgresPassword(),
            LocalPlatform.CALLER_TOKEN_SECRET, TestCallers.SECRET);
        ChildProcess first = ServiceProcesses.start(ProjectLayout.locate(), ServiceModule.INGEST, FreePorts.next(),
            relay, secret, logs.resolve("relay-1.log"));
        try {
            await().alias("the relay published part of the outbox").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20)).until(() -> outbox(database) < total * 0.6);
            first.kill();
        } finally {
            first.close();
        }
        int left = outbox(database);
        assertThat(left).as("killed before the end").isGreaterThan(0);

        ChildProcess second = ServiceProcesses.start(ProjectLayout.locate(), ServiceModule.INGEST, FreePorts.next(),
            relay, secret, logs.resolve("relay-2.log"));
        try {
            await().alias("the next relay published the rest").atMost(Duration.ofSeconds(60))
                .until(() -> outbox(database) == 0);
        } finally {
            second.close();
        }

        // Every acknowledged record is on the topic: read it to its end, in each partition's order.
        Map<String, List<Long>> versions = new LinkedHashMap<>();
        TopicSnapshot.read(Topics.DOCUMENTS_INGESTED, Map.of("bootstrap.servers", servers.kafkaBootstrapServers()),
            record -> {
                if (ids.contains(record.key()) && record.value() != null) {
                    versions.computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add(EventJson.MAPPER.readValue(record.value(), DocumentIngested.class).version());
                }
            });
        assertThat(versions.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        // The batch cut short by the kill is sent again (at least once): a version may be published twice, but each
        // was first published after the one before it, and the newest comes last (consumers keep the newest).
        versions.forEach((id, published) -> {
            assertThat(published.stream().distinct().toList()).as("versions of %s in the order first published", id)
                .isSorted().hasSize(VERSIONS);
            assertThat(published.getLast()).as("the last version of %s published", id).isEqualTo((long) VERSIONS);
        });
    }

    private static String json(String run, int document, int version) {
        return "{\"title\":\"中继 " + run + " " + document + "\",\"body\":\"第" + version + "版 " + run + " " + document
            + "\"}";
    }

    private static int outbox(String database) throws Exception {
        Infrastructure servers = SharedInfrastructure.get();
        try (Connection db = DriverManager.getConnection(database, servers.postgresUsername(), servers.postgresPassword());
             ResultSet count = db.createStatement().executeQuery("select count(*) from outbox")) {
            count.next();
            return count.getInt(1);
        }
    }
}
