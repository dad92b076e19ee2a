package dev.wenku.ingest.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wenku.infrastructure.launcher.FreePorts;
import dev.wenku.infrastructure.launcher.LocalServers;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.RunningServer;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.ingest.IngestApplication;
import dev.wenku.ingest.support.IngestClient;
import dev.wenku.ingest.support.IngestClient.Answer;
import dev.wenku.ingest.support.TestDatabase;
import dev.wenku.ingest.support.TopicReader;
import dev.wenku.support.testing.TestCallers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Kafka is killed with SIGKILL under a running ingest-service: uploads are still accepted (each version is stored with
 * its event in PostgreSQL), the events wait in the outbox while Kafka is down, and once Kafka restarts on the same data
 * and port every document that was ever answered 202 reaches the topic. Uses a Kafka of its own, since it kills it.
 */
class KafkaRestartIT {

    @TempDir
    Path data;

    @Test
    void uploadsAreAcceptedWhileKafkaIsDownAndTheirEventsFlowOnceItIsBack() throws Exception {
        LocalServers servers = new LocalServers(ProjectLayout.locate(), data.resolve("logs"), null);
        int kafkaPort = FreePorts.next();
        RunningServer kafka = servers.startKafka(data.resolve("kafka"), kafkaPort);
        String bootstrap = kafka.address();
        String database = TestDatabase.create(SharedInfrastructure.get(), "wenku_kafka_restart");
        Set<String> accepted = new HashSet<>();
        try (ConfigurableApplicationContext ingest = new SpringApplicationBuilder(IngestApplication.class).run(
                "--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrap, TestCallers.SECRET_ARGUMENT,
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + SharedInfrastructure.get().postgresUsername(),
                "--spring.datasource.password=" + SharedInfrastructure.get().postgresPassword(),
                "--wenku.ingest.drop-folder.enabled=false", "--wenku.ingest.outbox.publish-timeout=3s",
                "--wenku.outage.max-pause=1s")) {
            IngestClient client = new IngestClient(
                Integer.parseInt(ingest.getEnvironment().getProperty("local.server.port")));
            String run = UUID.randomUUID().toString();
            for (int i = 0; i < 10; i++) {
                accepted.add(acceptedId(client.postJson(upload(run, "before", i))));
            }
            Set<String> before = Set.copyOf(accepted);
            assertThat(TopicReader.ingested(bootstrap, before::contains, before.size())).hasSize(before.size());

            kafka.process().kill();
            for (int i = 0; i < 10; i++) {
                accepted.add(acceptedId(client.postJson(upload(run, "down", i))));
            }
            await().alias("the events of the uploads made while Kafka is down wait in the outbox")
                .atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.raw("/actuator/prometheus").body())
                    .containsPattern("(?m)^wenku_outbox_backlog_events(\\{[^}]*\\})? [1-9]"));

            kafka = servers.startKafka(data.resolve("kafka"), kafkaPort);
            for (int i = 0; i < 10; i++) {
                accepted.add(acceptedId(client.postJson(upload(run, "after", i))));
            }
            assertThat(accepted).hasSize(30);

            Set<String> onTopic = new HashSet<>();
            TopicReader.ingested(bootstrap, accepted::contains, accepted.size()).forEach(r -> onTopic.add(r.key()));
            assertThat(onTopic).as("every document answered 202 is on the topic").isEqualTo(accepted);
            for (String id : accepted) {
                assertThat(client.get(id).status()).as("the editors' view still has " + id).isEqualTo(200);
            }
        } finally {
            kafka.close();
        }
    }

    private static String upload(String run, String phase, int i) {
        return "{\"title\":\"断电 " + phase + " " + i + "\",\"body\":\"卡夫卡重启测试 " + run + " " + phase + " " + i + "\"}";
    }

    private static String acceptedId(Answer answer) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
        return answer.text("id");
    }
}
