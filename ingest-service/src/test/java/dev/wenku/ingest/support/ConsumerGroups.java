package dev.wenku.ingest.support;

import static org.awaitility.Awaitility.await;

import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** What a service's consumer group has processed, as Kafka knows it from the offsets the group committed. */
public final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /**
     * Waits until consumer group {@code group} committed an offset past {@code record}: the service processed it
     * (Spring Kafka commits after the listener returned), so a check that it changed nothing can follow.
     */
    public static void awaitProcessed(String group, RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers()))) {
            await().alias(group + " processed offset " + record.offset() + " of " + partition)
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> committed(admin, group, partition), offset -> offset > record.offset());
        }
    }

    private static long committed(Admin admin, String group, TopicPartition partition) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get();
        OffsetAndMetadata committed = offsets.get(partition);
        return committed == null ? -1 : committed.offset();
    }
}
