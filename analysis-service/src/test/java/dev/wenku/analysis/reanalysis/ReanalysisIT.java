package dev.wenku.analysis.reanalysis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import dev.wenku.analysis.AnalysisApplication;
import dev.wenku.events.DocumentIngested;
import dev.wenku.events.EventSerializer;
import dev.wenku.events.PipelineEvent;
import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.Infrastructure;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.infrastructure.launcher.TestDatabases;
import dev.wenku.support.testing.TestCallers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A re-analysis shared by two analysis-service instances on one database and one Kafka cluster: both work on it,
 * either shows its progress, and it goes on to the end when the instance that started it stops in the middle. A
 * partition whose holder went silent is taken over.
 */
@ExtendWith(RealInfrastructureExtension.class)
class ReanalysisIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int DOCUMENTS = 2400;

    @Test
    void bothInstancesWorkOnARunThatOutlivesTheOneThatStartedIt() throws Exception {
        Infrastructure servers = SharedInfrastructure.get();
        String database = TestDatabases.create(servers, "wenku_reanalysis");
        String group = "reanalysis-it-" + UUID.randomUUID();
        String prefix = "shared-run-" + UUID.randomUUID() + "-";
        try (ConfigurableApplicationContext second = start(database, group)) {
            ConfigurableApplicationContext first = start(database, group);
            try {
                publish(prefix);
                JdbcTemplate jdbc = jdbc(database).jdbc();
                await().alias("the corpus holds every published document").atMost(Duration.ofMinutes(3))
                    .until(() -> jdbc.queryForObject("select count(*) from corpus_document where document_id like ?",
                        Long.class, prefix + "%") == DOCUMENTS);

                HttpResponse<String> started = send(first, "POST");
                assertEquals(202, started.statusCode(), started.body());
                assertEquals(409, send(second, "POST").statusCode(), "one run at a time, across the instances");
                // Both instances hold a partition of the run at once: the work is shared.
                await().alias("both instances work on the run").atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> JsonPath.<List<String>>read(send(second, "GET").body(), "$.workers").size() == 2);
            } finally {
                first.close();
            }

            String done = await().alias("the run is DONE without the instance that started it")
                .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> send(second, "GET").body(), body -> "DONE".equals(JsonPath.read(body, "$.state")));
            assertTrue(JsonPath.<Integer>read(done, "$.done") >= DOCUMENTS, done);
            assertEquals(JsonPath.<Integer>read(done, "$.partitions"), JsonPath.<Integer>read(done, "$.partitionsDone"));
        }
    }

    @Test
    void aPartitionWhoseHolderWentSilentIsTakenOverAndTheSilentOneCannotRecordMore() {
        Stores stores = jdbc(TestDatabases.create(SharedInfrastructure.get(), "wenku_reanalysis"));
        ReanalysisRuns runs = new ReanalysisRuns(stores.jdbc(), stores.transactions());
        assertTrue(runs.start(10, Map.of(0, 0L), Map.of(0, 10L), Instant.now()));
        assertFalse(runs.start(10, Map.of(0, 0L), Map.of(0, 10L), Instant.now()), "one run at a time");

        ReanalysisRuns.Claim silent = runs.claim("silent", Duration.ofSeconds(30)).orElseThrow();
        assertTrue(runs.claim("alive", Duration.ofSeconds(30)).isEmpty(), "held while its holder is within the lease");
        ReanalysisRuns.Claim taken = await().alias("taken over once the holder is silent for longer than the lease")
            .atMost(Duration.ofSeconds(10)).until(() -> runs.claim("alive", Duration.ofMillis(50)), claim -> claim
                .isPresent()).orElseThrow();

        assertEquals(silent.partition(), taken.partition());
        assertFalse(runs.advance(silent, "silent", 5, 5, 0), "the silent holder's batch is not recorded");
        assertTrue(runs.advance(taken, "alive", 10, 10, 0));
        runs.finishIfComplete(taken.runId(), Instant.now());
        assertEquals("DONE", runs.latest().orElseThrow().state());
        assertEquals(10, runs.latest().orElseThrow().done());
    }

    private static ConfigurableApplicationContext start(String database, String group) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", TestCallers.SECRET_ARGUMENT,
            "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.get().kafkaBootstrapServers(),
            "--spring.kafka.consumer.group-id=" + group, "--wenku.analysis.reanalysis.lease=5s",
            "--wenku.analysis.reanalysis.poll-interval=100ms"));
        arguments.addAll(List.of(TestDatabases.arguments(SharedInfrastructure.get(), database)));
        return new SpringApplicationBuilder(AnalysisApplication.class).run(arguments.toArray(String[]::new));
    }

    private static void publish(String prefix) throws Exception {
        try (var producer = new KafkaProducer<String, PipelineEvent>(Map.of("bootstrap.servers",
                SharedInfrastructure.get().kafkaBootstrapServers()), new StringSerializer(), new EventSerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                String id = prefix + i;
                sent.add(producer.send(new ProducerRecord<>(Topics.DOCUMENTS_INGESTED, id, DocumentIngested.of(id, 1,
                    "第" + i + "篇", "发展新质生产力是推动高质量发展的内在要求和重要着力点。第" + i + "段。", null, null,
                    Instant.now()))));
            }
            for (Future<?> each : sent) {
                each.get();
            }
        }
    }

    private static HttpResponse<String> send(ConfigurableApplicationContext service, String method) throws Exception {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/analysis/reanalysis"))
            .header("Authorization", TestCallers.operator()).method(method, HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private record Stores(JdbcTemplate jdbc, TransactionTemplate transactions) {
    }

    /** The database's analysis schema, created by Flyway if the services have not yet. */
    private static Stores jdbc(String url) {
        Infrastructure servers = SharedInfrastructure.get();
        DriverManagerDataSource source = new DriverManagerDataSource(url, servers.postgresUsername(),
            servers.postgresPassword());
        source.setSchema("analysis");
        Flyway.configure().dataSource(source).schemas("analysis").locations("classpath:db/analysis").load().migrate();
        return new Stores(new JdbcTemplate(source), new TransactionTemplate(new DataSourceTransactionManager(source)));
    }
}
