package dev.wenku.search.pipeline;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentStatusChanged;
import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.events.PipelineEvent;
import dev.wenku.events.Topics;
import dev.wenku.search.SearchProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.stereotype.Component;

/**
 * What search-service tells the rest of the pipeline about a batch: INDEXED or FAILED per document, and the
 * original record of a document that can never be indexed on the dead-letter topic (reason in the
 * {@code wenku-error} header). Each batch collects its reports in a {@link Batch}, whose {@link Batch#flush()}
 * waits for Kafka's acknowledgements before the batch's offsets are committed; batches of several listener threads
 * never mix. Each record Kafka acknowledged on the dead-letter topic counts in {@value #DEAD_LETTERS} (tag
 * {@code topic}).
 */
@Component
public class IndexingReports {

    static final String ERROR_HEADER = "wenku-error";
    static final String DEAD_LETTERS = "wenku.dead.letters";
    private static final String SERVICE = "search-service";

    private final KafkaTemplate<String, PipelineEvent> events;
    private final KafkaTemplate<String, byte[]> raw;
    private final SearchProperties properties;
    private final Clock clock;
    private final Counter deadLettered;

    public IndexingReports(KafkaTemplate<String, PipelineEvent> events, KafkaProperties kafka,
                           SearchProperties properties, Clock clock, MeterRegistry meters) {
        this.events = events;
        DefaultKafkaProducerFactory<String, byte[]> rawProducers = new DefaultKafkaProducerFactory<>(
            kafka.buildProducerProperties(), new StringSerializer(), new ByteArraySerializer());
        // Built here, not by Spring Boot: its Kafka client metrics are added the way Boot adds them to its own.
        rawProducers.addListener(new MicrometerProducerListener<>(meters));
        this.raw = new KafkaTemplate<>(rawProducers);
        this.properties = properties;
        this.clock = clock;
        this.deadLettered = Counter.builder(DEAD_LETTERS).description("Records sent to a dead-letter topic")
            .tag("topic", properties.deadLetterTopic()).register(meters);
    }

    Batch batch() {
        return new Batch();
    }

    /** The reports of one batch. */
    final class Batch {

        private final List<CompletableFuture<?>> pending = new ArrayList<>();

        void indexed(DocumentAnalyzed event) {
            report(event, Status.INDEXED, null);
        }

        void refused(DocumentAnalyzed event, String reason, List<ConsumerRecord<String, byte[]>> records) {
            records.stream().filter(r -> event.documentId().equals(r.key())).reduce((a, b) -> b)
                .ifPresent(record -> deadLetter(record, reason));
            report(event, Status.FAILED, "Elasticsearch refused the document: " + reason);
        }

        void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
            ProducerRecord<String, byte[]> dead = new ProducerRecord<>(properties.deadLetterTopic(), record.key(),
                record.value());
            dead.headers().add(ERROR_HEADER, reason.getBytes(StandardCharsets.UTF_8));
            pending.add(raw.send(dead).thenRun(deadLettered::increment));
        }

        private void report(DocumentAnalyzed event, Status status, String reason) {
            pending.add(events.send(Topics.DOCUMENT_STATUS, event.documentId(), DocumentStatusChanged.of(
                event.documentId(), event.version(), status, reason, SERVICE, clock.instant())));
        }

        void flush() {
            try {
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Kafka did not acknowledge the indexing reports", e);
            } finally {
                pending.clear();
            }
        }
    }
}
