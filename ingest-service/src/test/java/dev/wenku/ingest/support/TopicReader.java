package dev.wenku.ingest.support;

import static org.awaitility.Awaitility.await;

import dev.wenku.events.DocumentIngested;
import dev.wenku.events.EventDeserializer;
import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what ingest-service published, straight from Kafka. */
public final class TopicReader {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private TopicReader() {
    }

    /**
     * Every record on the ingested topic whose key passes {@code keys}: the topic is read from its beginning at least
     * to the end offsets it had when this was called (so whatever was published before is in the answer, and a check
     * that something was published only once can rely on it), and further until {@code expected} records passed.
     */
    public static List<ConsumerRecord<String, DocumentIngested>> ingested(Predicate<String> keys, int expected) {
        return ingested(SharedInfrastructure.get().kafkaBootstrapServers(), keys, expected);
    }

    /** The same, from the Kafka at {@code bootstrapServers}. */
    public static List<ConsumerRecord<String, DocumentIngested>> ingested(String bootstrapServers,
                                                                          Predicate<String> keys, int expected) {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers, "enable.auto.commit", false);
        List<ConsumerRecord<String, DocumentIngested>> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new EventDeserializer<>(DocumentIngested.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DOCUMENTS_INGESTED).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().alias("the records of " + Topics.DOCUMENTS_INGESTED + " up to its end offsets " + end
                    + ", and " + expected + " of them with matching keys")
                .atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).pollInSameThread()
                .until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                        if (keys.test(r.key())) {
                            seen.add(r);
                        }
                    });
                    return seen.size() >= expected
                        && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                });
        }
        return seen;
    }
}
