package dev.wenku.support.testing;

import dev.wenku.events.EventSerializer;
import dev.wenku.events.PipelineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Events put on a pipeline topic as the services publish them (keyed by document id, serialised by the event
 * contract), for tests that feed one stage directly. Returns once Kafka has acknowledged every one.
 */
public final class TestEvents {

    private TestEvents() {
    }

    public static void publish(String bootstrapServers, String topic, List<? extends PipelineEvent> events)
            throws ExecutionException, InterruptedException {
        send(bootstrapServers, events.stream().map(e -> new ProducerRecord<String, PipelineEvent>(topic,
            e.documentId(), e)).toList());
    }

    /** A tombstone: the document {@code documentId} was deleted. */
    public static void tombstone(String bootstrapServers, String topic, String documentId)
            throws ExecutionException, InterruptedException {
        tombstones(bootstrapServers, topic, List.of(documentId));
    }

    /** Tombstones of these documents, sent together. */
    public static void tombstones(String bootstrapServers, String topic, List<String> documentIds)
            throws ExecutionException, InterruptedException {
        send(bootstrapServers, documentIds.stream().map(id -> new ProducerRecord<String, PipelineEvent>(topic, id, null))
            .toList());
    }

    private static void send(String bootstrapServers, List<ProducerRecord<String, PipelineEvent>> records)
            throws ExecutionException, InterruptedException {
        try (var producer = new KafkaProducer<String, PipelineEvent>(Map.of("bootstrap.servers", bootstrapServers),
                new StringSerializer(), new EventSerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (ProducerRecord<String, PipelineEvent> record : records) {
                sent.add(producer.send(record));
            }
            for (Future<?> each : sent) {
                each.get();
            }
        }
    }
}
