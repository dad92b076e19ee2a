package dev.wenku.support.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
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

/** Declared topics are created with the configured partitions, and an existing topic is never altered. */
@ExtendWith(RealInfrastructureExtension.class)
class CreateOnlyTopicsIT {

    private final Map<String, Object> admin = Map.of("bootstrap.servers",
        SharedInfrastructure.get().kafkaBootstrapServers());
    private final PipelineTopics topics = new PipelineTopics(new TopicProperties(12, (short) -1, true));

    @Test
    void aMissingTopicIsCreatedWithTheConfiguredPartitionsAndPolicy() throws Exception {
        String events = "create-only-" + UUID.randomUUID();
        String compacted = "create-only-" + UUID.randomUUID();

        new CreateOnlyTopics(admin, Duration.ofSeconds(30)).create(List.of(topics.events(events),
            topics.compacted(compacted)));

        assertEquals(12, describe(events).partitions().size());
        assertEquals(12, describe(compacted).partitions().size());
        assertEquals("compact", cleanupPolicy(compacted));
        assertEquals("delete", cleanupPolicy(events));
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

    private String cleanupPolicy(String name) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, name);
        try (Admin client = Admin.create(admin)) {
            return client.describeConfigs(List.of(topic)).all().get().get(topic).get("cleanup.policy").value();
        }
    }
}
