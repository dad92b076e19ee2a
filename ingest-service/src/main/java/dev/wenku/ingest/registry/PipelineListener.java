package dev.wenku.ingest.registry;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentStatusChanged;
import dev.wenku.events.Topics;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Folds the pipeline's status reports and analyses into the registry, a poll's worth of records at a time (one
 * transaction per batch: no round trip per record); offsets are committed once the batch is stored.
 */
@Component
public class PipelineListener {

    private final PipelineStatuses statuses;

    public PipelineListener(PipelineStatuses statuses) {
        this.statuses = statuses;
    }

    @KafkaListener(topics = Topics.DOCUMENT_STATUS, groupId = "ingest-service-status", batch = "true",
        properties = "wenku.event.type=dev.wenku.events.DocumentStatusChanged")
    public void onStatus(List<ConsumerRecord<String, DocumentStatusChanged>> reports) {
        statuses.apply(reports.stream().map(ConsumerRecord::value).filter(Objects::nonNull).toList());
    }

    /** Tombstones (deleted documents) carry nothing to keep. */
    @KafkaListener(topics = Topics.DOCUMENTS_ANALYZED, groupId = "ingest-service-analysis", batch = "true",
        properties = "wenku.event.type=dev.wenku.events.DocumentAnalyzed")
    public void onAnalyzed(List<ConsumerRecord<String, DocumentAnalyzed>> analyses) {
        statuses.attach(analyses.stream().map(ConsumerRecord::value).filter(Objects::nonNull).toList());
    }
}
