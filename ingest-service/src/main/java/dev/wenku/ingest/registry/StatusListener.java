package dev.wenku.ingest.registry;

import dev.wenku.events.DocumentStatusChanged;
import dev.wenku.events.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Folds the pipeline's status reports into the document records. */
@Component
public class StatusListener {

    private final DocumentRegistry registry;

    public StatusListener(DocumentRegistry registry) {
        this.registry = registry;
    }

    @KafkaListener(topics = Topics.DOCUMENT_STATUS, groupId = "ingest-service-status",
        properties = "wenku.event.type=dev.wenku.events.DocumentStatusChanged")
    public void onStatus(DocumentStatusChanged report) {
        registry.apply(report);
    }
}
