package dev.wenku.kafkatable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.infrastructure.launcher.Infrastructure;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(RealInfrastructureExtension.class)
class KafkaTableIT {

    record Entry(String text, long version) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void whatIsWrittenIsReadBackByANewInstanceAndRemovalsStayRemoved(Infrastructure kafka) throws Exception {
        String topic = compactedTopic(kafka);
        try (KafkaTable<Entry> table = table(kafka, topic)) {
            table.start();
            table.put("a", new Entry("甲", 1));
            table.put("b", new Entry("乙", 1));
            table.remove("b");
            assertEquals(Optional.of(new Entry("甲", 1)), table.get("a"));
        }
        try (KafkaTable<Entry> restarted = table(kafka, topic)) {
            restarted.start();
            assertEquals(Optional.of(new Entry("甲", 1)), restarted.get("a"));
            assertEquals(Optional.empty(), restarted.get("b"));
            assertEquals(1, restarted.values().size());
        }
    }

    @Test
    void twoInstancesConvergeAndTheResolverKeepsTheHigherVersion(Infrastructure kafka) throws Exception {
        String topic = compactedTopic(kafka);
        try (KafkaTable<Entry> first = table(kafka, topic); KafkaTable<Entry> second = table(kafka, topic)) {
            List<String> changes = new CopyOnWriteArrayList<>();
            first.start();
            second.start();
            second.get("warm-up");
            second.onChange((key, value) -> changes.add(key + "=" + (value == null ? null : value.text())));
            first.put("doc", new Entry("新版", 2));
            await("the second instance reads the first one's write", () -> second.get("doc").isPresent());
            second.put("doc", new Entry("旧版", 1));
            assertEquals("新版", second.get("doc").orElseThrow().text(), "an older version never replaces a newer one");
            await("the second instance reports the change", () -> changes.contains("doc=新版"));
        }
    }

    @Test
    void readsFailClearlyWhileKafkaIsUnreachable() {
        Map<String, Object> config = Map.of("bootstrap.servers", "127.0.0.1:1", "request.timeout.ms", 500,
            "default.api.timeout.ms", 500);
        try (KafkaTable<Entry> table = new KafkaTable<>("nowhere", Entry.class, JSON, config, Duration.ofMillis(500), null)) {
            table.start();
            TableUnavailableException e = org.junit.jupiter.api.Assertions.assertThrows(TableUnavailableException.class,
                () -> table.get("x"));
            assertTrue(e.getMessage().contains("nowhere"));
        }
    }

    private static KafkaTable<Entry> table(Infrastructure kafka, String topic) {
        return new KafkaTable<>(topic, Entry.class, JSON, Map.of("bootstrap.servers", kafka.kafkaBootstrapServers()),
            Duration.ofSeconds(30), (current, incoming) -> incoming.version() >= current.version() ? incoming : current);
    }

    private static String compactedTopic(Infrastructure kafka) throws Exception {
        String topic = "table-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1)
                .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        return topic;
    }

    private static void await(String what, Callable<Boolean> condition) {
        Awaitility.await().alias(what).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
            .until(condition);
    }
}
