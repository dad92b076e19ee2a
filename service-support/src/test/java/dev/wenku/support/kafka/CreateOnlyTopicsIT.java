package dev.wenku.support.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.FreePorts;
import dev.wenku.infrastructure.launcher.LocalServers;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.RunningServer;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Declared topics are created with the configured partitions, replicas in sync and tombstone retention, and an existing
 * topic is never altered.
 */
@ExtendWith(RealInfrastructureExtension.class)
class CreateOnlyTopicsIT {

    private final Map<String, Object> admin = Map.of("bootstrap.servers",
        SharedInfrastructure.get().kafkaBootstrapServers());
    private final PipelineTopics topics = new PipelineTopics(new TopicProperties(12, (short) -1, 1,
        Duration.ofHours(2), true));

    @Test
    void aMissingTopicIsCreatedWithTheConfiguredPartitionsPolicyAndRetention() throws Exception {
        String events = "create-only-" + UUID.randomUUID();
        String compacted = "create-only-" + UUID.randomUUID();

        new CreateOnlyTopics(admin, Duration.ofSeconds(30)).create(List.of(topics.events(events),
            topics.compacted(compacted)));

        assertTrue(describe(events).partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()),
            "every partition has its leader once the topics are created");
        assertEquals(12, describe(events).partitions().size());
        assertEquals(12, describe(compacted).partitions().size());
        assertEquals("compact", config(compacted, "cleanup.policy"));
        assertEquals("delete", config(events, "cleanup.policy"));
        assertEquals("7200000", config(compacted, "delete.retention.ms"), "tombstones kept as configured");
        assertEquals("1", config(events, "min.insync.replicas"));
        assertEquals("1", config(compacted, "min.insync.replicas"));
    }


    /**
     * A cluster whose quorum had no controller yet when a service started (the cluster run, on a busy machine) never
     * got that service's topics: the attempt at start failed and nobody tried again.
     */
    @Test
    void topicsDeclaredWhileNoBrokerAnswersAreCreatedOnceOneDoes() throws Exception {
        int port = FreePorts.next();
        Path data = Files.createTempDirectory("wenku-late-broker-");
        String name = "create-only-" + UUID.randomUUID();
        Map<String, Object> late = Map.of("bootstrap.servers", "127.0.0.1:" + port);
        new CreateOnlyTopics(late, Duration.ofSeconds(2)).createOrKeepTrying(List.of(topics.events(name)),
            Duration.ofMillis(500));
        try (RunningServer broker = new LocalServers(ProjectLayout.locate(), data, null).startKafka(data, port);
             Admin client = Admin.create(late)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertTrue(client.listTopics().names().get()
                .contains(name), "created by the retries once the broker answers"));
        } finally {
            Directories.deleteRecursively(data);
        }
    }

    @Test
    void anExistingTopicKeepsItsPartitionsWhenMoreAreDeclared() throws Exception {
        String name = "create-only-" + UUID.randomUUID();
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(name, 3, (short) -1))).all().get();
        }

        new CreateOnlyTopics(admin, Duration.ofSeconds(30)).create(List.of(topics.compacted(name)));

        assertEquals(3, describe(name).partitions().size(), "partitions are never added to an existing topic");
    }

    private TopicDescription describe(String name) throws Exception {
        try (Admin client = Admin.create(admin)) {
            return client.describeTopics(List.of(name)).allTopicNames().get().get(name);
        }
    }

    private String config(String name, String key) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, name);
        try (Admin client = Admin.create(admin)) {
            return client.describeConfigs(List.of(topic)).all().get().get(topic).get(key).value();
        }
    }
}
