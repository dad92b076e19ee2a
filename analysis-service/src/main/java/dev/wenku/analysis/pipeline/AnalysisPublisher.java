package dev.wenku.analysis.pipeline;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentIngested;
import dev.wenku.events.DocumentStatusChanged;
import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.events.PipelineEvent;
import dev.wenku.events.Topics;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Everything analysis-service publishes. Sends are not awaited one by one: each returns a future that completes on
 * Kafka's acknowledgement, and the listener waits for all of a batch's before its offsets are committed.
 */
@Component
public class AnalysisPublisher {

    private static final String SERVICE = "analysis-service";

    private final KafkaTemplate<String, PipelineEvent> kafka;
    private final Clock clock;

    public AnalysisPublisher(KafkaTemplate<String, PipelineEvent> kafka, Clock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    public CompletableFuture<?> analyzed(DocumentAnalyzed event) {
        return kafka.send(Topics.DOCUMENTS_ANALYZED, event.documentId(), event);
    }

    public CompletableFuture<?> deleted(String documentId) {
        return kafka.send(Topics.DOCUMENTS_ANALYZED, documentId, null);
    }

    public CompletableFuture<?> status(DocumentIngested document, Status status, String reason) {
        return kafka.send(Topics.DOCUMENT_STATUS, document.documentId(), DocumentStatusChanged.of(document.documentId(),
            document.version(), status, reason, SERVICE, clock.instant()));
    }

    /** Waits for a send (or several joined), as a caller that must not go on before Kafka has it does. */
    public static void await(CompletableFuture<?> sent, String what) {
        try {
            sent.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while publishing " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Kafka did not acknowledge " + what, e);
        }
    }
}
