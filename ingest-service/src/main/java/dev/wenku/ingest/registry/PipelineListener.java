package dev.wenku.ingest.registry;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentStatusChanged;
import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.events.Topics;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Folds the pipeline's status reports and analyses into the registry, a poll's worth of records at a time (one
 * transaction per batch: no round trip per record); offsets are committed once the batch is stored.
 *
 * <p>Nothing waits on these reports to make a document searchable, so their fetches wait for
 * {@value #FETCH_MIN_BYTES} bytes or {@value #FETCH_MAX_WAIT_MS} ms, whichever comes first: during a bulk import a
 * poll then brings hundreds of reports rather than the few that arrived since the last one, which costs the broker
 * and this service far fewer fetches, transactions and commits, which a bulk import's pace depends on. An editor
 * sees a new status at most that much later.
 *
 * <p>An {@code ANALYZED} report is left aside: analysis publishes it with the analysis itself, which
 * {@link PipelineStatuses#attach} stores together with that status, in one update of the version's row rather than
 * two.
 */
@Component
public class PipelineListener {

    static final int FETCH_MIN_BYTES = 65_536;
    static final int FETCH_MAX_WAIT_MS = 250;

    private final PipelineStatuses statuses;

    public PipelineListener(PipelineStatuses statuses) {
        this.statuses = statuses;
    }

    @KafkaListener(topics = Topics.DOCUMENT_STATUS, groupId = "ingest-service-status", batch = "true",
        properties = {"wenku.event.type=dev.wenku.events.DocumentStatusChanged",
            "fetch.min.bytes=" + FETCH_MIN_BYTES, "fetch.max.wait.ms=" + FETCH_MAX_WAIT_MS})
    public void onStatus(List<ConsumerRecord<String, DocumentStatusChanged>> reports) {
        statuses.apply(reports.stream().map(ConsumerRecord::value).filter(Objects::nonNull)
            .filter(report -> report.status() != Status.ANALYZED).toList());
    }

    /** Tombstones (deleted documents) carry nothing to keep. */
    @KafkaListener(topics = Topics.DOCUMENTS_ANALYZED, groupId = "ingest-service-analysis", batch = "true",
        properties = {"wenku.event.type=dev.wenku.events.DocumentAnalyzed",
            "fetch.min.bytes=" + FETCH_MIN_BYTES, "fetch.max.wait.ms=" + FETCH_MAX_WAIT_MS})
    public void onAnalyzed(List<ConsumerRecord<String, DocumentAnalyzed>> analyses) {
        statuses.attach(analyses.stream().map(ConsumerRecord::value).filter(Objects::nonNull).toList());
    }
}
