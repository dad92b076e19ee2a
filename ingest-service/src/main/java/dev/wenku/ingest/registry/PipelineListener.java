package dev.wenku.ingest.registry;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentStatusChanged;
import dev.wenku.events.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/** Folds the pipeline's status reports and analyses into the document records. */
@Component
public class PipelineListener {

    private final DocumentRegistry registry;

    public PipelineListener(DocumentRegistry registry) {
        this.registry = registry;
    }

    @KafkaListener(topics = Topics.DOCUMENT_STATUS, groupId = "ingest-service-status",
        properties = "wenku.event.type=dev.wenku.events.DocumentStatusChanged")
    public void onStatus(DocumentStatusChanged report) {
        registry.apply(report);
    }

    /** Tombstones (deleted documents) carry nothing to keep. */
    @KafkaListener(topics = Topics.DOCUMENTS_ANALYZED, groupId = "ingest-service-analysis",
        properties = "wenku.event.type=dev.wenku.events.DocumentAnalyzed")
    public void onAnalyzed(@Payload(required = false) DocumentAnalyzed analysis) {
        if (analysis != null) {
            registry.attach(analysis);
        }
    }
}
