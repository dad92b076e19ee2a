package dev.wenku.ingest.documents;

import dev.wenku.support.problem.ErrorCode;
import dev.wenku.events.DocumentIngested;
import dev.wenku.events.PipelineEvent;
import dev.wenku.events.Topics;
import dev.wenku.ingest.IngestProperties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes to Kafka and returns only once the broker acknowledged the write (acks=all, idempotent producer). */
@Component
public class DocumentPublisher {

    private static final Logger log = LoggerFactory.getLogger(DocumentPublisher.class);

    private final KafkaTemplate<String, PipelineEvent> kafka;
    private final IngestProperties properties;

    public DocumentPublisher(KafkaTemplate<String, PipelineEvent> kafka, IngestProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
    }

    public void publish(DocumentIngested event) {
        send(event.documentId(), event);
    }

    /** A tombstone: the document is removed downstream (analysis forwards it, search deletes it). */
    public void publishDeletion(String documentId) {
        send(documentId, null);
    }

    private void send(String documentId, PipelineEvent eventOrTombstone) {
        try {
            kafka.send(Topics.DOCUMENTS_INGESTED, documentId, eventOrTombstone)
                .get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
            log.info("Published {} of document {}", eventOrTombstone == null ? "the deletion" : "a version", documentId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (causedByRecordTooLarge(cause)) {
                // Retrying would never help: this is the uploader's document, not Kafka being away.
                throw new UploadRejectedException(ErrorCode.DOCUMENT_TOO_LARGE, "The document is larger"
                    + " than one Kafka record may be (producer max.request.size), so it was not stored. Split it into"
                    + " several documents.");
            }
            throw new PublishFailedException(cause);
        }
    }

    private static boolean causedByRecordTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
