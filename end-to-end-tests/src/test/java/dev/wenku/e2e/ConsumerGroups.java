package dev.wenku.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What the services' consumer groups have processed, as Kafka knows it from the offsets they committed. */
final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /**
     * Waits until {@code group} committed, on every partition of {@code topic}, the end offset the topic has when
     * this is called: the service processed every record published before (the platform's services commit an offset
     * only after the work of its record is done), so nothing of them is still on its way.
     */
    static void awaitCaughtUp(Map<String, Object> kafka, String group, String topic, Duration atMost) throws Exception {
        try (Admin admin = Admin.create(kafka)) {
            Map<TopicPartition, Long> end = endOffsets(admin, topic);
            await().alias(group + " committed the end offsets " + end + " of " + topic).atMost(atMost)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(),
                    committed -> end.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || offset(committed.get(e.getKey())) >= e.getValue()));
        }
    }

    private static long offset(OffsetAndMetadata committed) {
        return committed == null ? -1 : committed.offset();
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get()
            .get(topic).partitions().stream()
            .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
