package dev.wenku.search.pipeline;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentStatusChanged;
import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.events.PipelineEvent;
import dev.wenku.events.Topics;
import dev.wenku.support.kafka.DeadLetterPublisher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * What search-service tells the rest of the pipeline about a batch: INDEXED or FAILED per document, and the
 * original record of a document that can never be indexed on the dead-letter topic ({@link DeadLetterPublisher}, the
 * reason in Spring Kafka's {@code kafka_dlt-exception-*} headers). Each batch collects its reports in a
 * {@link Batch}, whose {@link Batch#flush()} waits for Kafka's acknowledgements before the batch's offsets are
 * committed; batches of several listener threads never mix.
 */
@Component
public class IndexingReports {

    private static final String SERVICE = "search-service";

    private final KafkaTemplate<String, PipelineEvent> events;
    private final DeadLetterPublisher deadLetters;
    private final Clock clock;

    public IndexingReports(KafkaTemplate<String, PipelineEvent> events, DeadLetterPublisher deadLetters, Clock clock) {
        this.events = events;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** Why a record went to the dead-letter topic: what its {@code kafka_dlt-exception-*} headers say. */
    static final class NotIndexableException extends RuntimeException {
        NotIndexableException(String reason) {
            super(reason);
        }
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

        /** Publishes the record to the dead-letter topic; returns once Kafka acknowledged it. */
        void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
            deadLetters.accept(record, new NotIndexableException(reason));
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
