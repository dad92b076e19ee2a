package dev.wenku.ingest.documents;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wenku.infrastructure.launcher.FreePorts;
import dev.wenku.infrastructure.launcher.LocalServers;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.RunningServer;
import dev.wenku.ingest.IngestApplication;
import dev.wenku.ingest.support.IngestClient;
import dev.wenku.ingest.support.IngestClient.Answer;
import dev.wenku.ingest.support.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Kafka is killed with SIGKILL under a running ingest-service: uploads get 503 (never a 202 for a document Kafka did
 * not acknowledge); Kafka restarts on the same data and port, uploads are accepted again, and every document that was
 * ever answered 202 is on the topic. Uses a Kafka of its own, since it kills it.
 */
class KafkaRestartIT {

    @TempDir
    Path data;

    @Test
    void uploadsGet503WhileKafkaIsDownAndFlowAgainAfterItsRestartWithNothingAcceptedLost() throws Exception {
        LocalServers servers = new LocalServers(ProjectLayout.locate(), data.resolve("logs"), null);
        int kafkaPort = FreePorts.next();
        RunningServer kafka = servers.startKafka(data.resolve("kafka"), kafkaPort);
        String bootstrap = kafka.address();
        Set<String> accepted = new HashSet<>();
        try (ConfigurableApplicationContext ingest = new SpringApplicationBuilder(IngestApplication.class).run(
                "--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--wenku.ingest.publish-timeout=3s", "--spring.kafka.producer.properties.max.block.ms=1500")) {
            IngestClient client = new IngestClient(
                Integer.parseInt(ingest.getEnvironment().getProperty("local.server.port")));
            String run = UUID.randomUUID().toString();
            for (int i = 0; i < 10; i++) {
                accepted.add(acceptedId(client.postJson(upload(run, "before", i))));
            }

            kafka.process().kill();
            List<Answer> whileDown = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                whileDown.add(client.postJson(upload(run, "down", i)));
            }
            for (Answer answer : whileDown) {
                assertEquals(503, answer.status(), answer.raw());
                assertEquals("kafka_unavailable", answer.text("error"), answer.raw());
            }

            kafka = servers.startKafka(data.resolve("kafka"), kafkaPort);
            accepted.add(firstAcceptedAfterRestart(client, upload(run, "after", 0), Duration.ofSeconds(90)));
            for (int i = 1; i < 10; i++) {
                accepted.add(acceptedId(client.postJson(upload(run, "after", i))));
            }
            assertEquals(20, accepted.size());

            Set<String> onTopic = new HashSet<>();
            TopicReader.ingested(bootstrap, accepted::contains, accepted.size()).forEach(r -> onTopic.add(r.key()));
            assertEquals(accepted, onTopic, "every document answered 202 is on the topic");
            for (String id : accepted) {
                assertEquals(200, client.get(id).status(), "the editors' view still has " + id);
            }
        } finally {
            kafka.close();
        }
    }

    private static String upload(String run, String phase, int i) {
        return "{\"title\":\"断电 " + phase + " " + i + "\",\"body\":\"卡夫卡重启测试 " + run + " " + phase + " " + i + "\"}";
    }

    private static String acceptedId(Answer answer) {
        assertEquals(202, answer.status(), answer.raw());
        return answer.text("id");
    }

    /** The producer reconnects by itself; until it has, an upload is refused with 503, which clients retry. */
    private static String firstAcceptedAfterRestart(IngestClient client, String json, Duration timeout) {
        Answer answer = await().alias("an upload answered other than 503 after Kafka's restart").atMost(timeout)
            .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
            .until(() -> client.postJson(json), a -> a.status() != 503);
        return acceptedId(answer);
    }
}
