package dev.wenku.support.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lag of several groups, read in one pass, is each group's committed offset against each partition's end. */
@ExtendWith(RealInfrastructureExtension.class)
class ConsumerLagIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> client = Map.of("bootstrap.servers",
        SharedInfrastructure.get().kafkaBootstrapServers());

    @Test
    void everyGroupsLagIsItsCommittedOffsetAgainstThePartitionsEnd() throws Exception {
        String topic = "consumer-lag-" + UUID.randomUUID();
        String ahead = "ahead-" + UUID.randomUUID();
        String behind = "behind-" + UUID.randomUUID();
        TopicPartition first = new TopicPartition(topic, 0);
        TopicPartition second = new TopicPartition(topic, 1);
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            produce(topic, 0, 5);
            produce(topic, 1, 3);
            admin.alterConsumerGroupOffsets(ahead, Map.of(first, new OffsetAndMetadata(5),
                second, new OffsetAndMetadata(2))).all().get();
            admin.alterConsumerGroupOffsets(behind, Map.of(first, new OffsetAndMetadata(1))).all().get();

            List<ConsumerLag.Lag> lags = ConsumerLag.read(admin, Set.of(ahead, behind), TIMEOUT);

            assertEquals(List.of(
                new ConsumerLag.Lag(ahead, topic, 0, 0, 5, 5),
                new ConsumerLag.Lag(ahead, topic, 1, 1, 2, 3),
                new ConsumerLag.Lag(behind, topic, 0, 4, 1, 5)), lags, "ordered by group, topic and partition");
            assertEquals(4, ConsumerLag.pending(lags, List.of(topic)),
                "the topic's pending records are its slowest group's lag");
            assertEquals(List.of(), ConsumerLag.read(admin, Set.of(), TIMEOUT));
        }
    }

    private void produce(String topic, int partition, int records) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(client, new StringSerializer(),
            new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, partition, "k" + i, "v" + i)).get();
            }
        }
    }
}
