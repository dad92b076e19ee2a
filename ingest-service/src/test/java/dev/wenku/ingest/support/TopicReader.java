package dev.wenku.ingest.support;

import dev.wenku.events.DocumentIngested;
import dev.wenku.events.EventDeserializer;
import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what ingest-service published, straight from Kafka. */
public final class TopicReader {

    private TopicReader() {
    }

    /** Every record on the ingested topic whose key passes {@code keys}, read until {@code expected} are seen. */
    public static List<ConsumerRecord<String, DocumentIngested>> ingested(Predicate<String> keys, int expected) {
        return ingested(SharedInfrastructure.get().kafkaBootstrapServers(), keys, expected);
    }

    /** The same, from the Kafka at {@code bootstrapServers}. */
    public static List<ConsumerRecord<String, DocumentIngested>> ingested(String bootstrapServers,
                                                                          Predicate<String> keys, int expected) {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers,
            "group.id", "reader-" + UUID.randomUUID(), "auto.offset.reset", "earliest");
        List<ConsumerRecord<String, DocumentIngested>> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new EventDeserializer<>(DocumentIngested.class))) {
            consumer.subscribe(List.of(Topics.DOCUMENTS_INGESTED));
            int emptyPolls = 0;
            while (emptyPolls < 3 || (seen.size() < expected && emptyPolls < 30)) {
                var records = consumer.poll(Duration.ofSeconds(1));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                records.forEach(r -> {
                    if (keys.test(r.key())) {
                        seen.add(r);
                    }
                });
            }
        }
        return seen;
    }
}
