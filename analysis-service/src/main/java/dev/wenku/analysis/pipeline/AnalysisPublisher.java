package dev.wenku.analysis.pipeline;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentIngested;
import dev.wenku.events.DocumentStatusChanged;
import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.events.PipelineEvent;
import dev.wenku.events.Topics;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Everything analysis-service publishes, each send awaited so callers commit offsets only after Kafka's ack. */
@Component
public class AnalysisPublisher {

    private static final String SERVICE = "analysis-service";

    private final KafkaTemplate<String, PipelineEvent> kafka;
    private final Clock clock;

    public AnalysisPublisher(KafkaTemplate<String, PipelineEvent> kafka, Clock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    public void analyzed(DocumentAnalyzed event) {
        send(Topics.DOCUMENTS_ANALYZED, event.documentId(), event);
    }

    public void deleted(String documentId) {
        send(Topics.DOCUMENTS_ANALYZED, documentId, null);
    }

    public void status(DocumentIngested document, Status status, String reason) {
        send(Topics.DOCUMENT_STATUS, document.documentId(), DocumentStatusChanged.of(document.documentId(),
            document.version(), status, reason, SERVICE, clock.instant()));
    }

    private void send(String topic, String key, PipelineEvent value) {
        try {
            kafka.send(topic, key, value).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while publishing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Kafka did not acknowledge " + key + " on " + topic, e);
        }
    }
}
