package dev.wenku.ingest.registry;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentStatusChanged;
import dev.wenku.events.EventJson;
import dev.wenku.ingest.IngestProperties;
import dev.wenku.kafkatable.KafkaTable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every document's {@link DocumentRecord}, kept in a compacted Kafka topic ({@link KafkaTable}) so it survives
 * restarts of every service without a database, and several ingest instances share it.
 */
@Component
public class DocumentRegistry implements SmartLifecycle {

    private static final Comparator<DocumentRecord> NEWEST_FIRST = Comparator
        .comparing(DocumentRecord::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(DocumentRecord::id);

    private final KafkaTable<DocumentRecord> records;
    private final PendingReports pending = new PendingReports();
    private final PendingAnalyses pendingAnalyses = new PendingAnalyses();

    public DocumentRegistry(IngestProperties properties, KafkaProperties kafka) {
        this.records = new KafkaTable<>(properties.registryTopic(), DocumentRecord.class, EventJson.MAPPER,
            kafka.buildAdminProperties(), properties.publishTimeout(), DocumentRegistry::newer);
        records.onChange((id, record) -> {
            if (record != null) {
                pending.takeFor(id, record.version()).forEach(this::apply);
                pendingAnalyses.takeFor(id, record.version())
                    .ifPresent(analysis -> attach(id, analysis.version(), analysis.summary(), analysis.analyzedAt()));
            }
        });
    }

    public Optional<DocumentRecord> find(String id) {
        return records.get(id);
    }

    /**
     * One page of the records, newest first by update time (then by id), deleted documents only if asked for.
     *
     * @param from the number of records to skip
     * @param size the most records to return
     */
    public DocumentPage page(int from, int size, boolean includeDeleted) {
        List<DocumentRecord> matching = records.values().stream()
            .filter(r -> includeDeleted || !r.deleted())
            .sorted(NEWEST_FIRST)
            .toList();
        List<DocumentRecord> page = from >= matching.size() ? List.of()
            : matching.subList(from, (int) Math.min(matching.size(), (long) from + size));
        return new DocumentPage(matching.size(), List.copyOf(page));
    }

    /** Records whose source is {@code source}, e.g. the documents made from one file of the drop folder. */
    public List<DocumentRecord> findBySource(String source) {
        return records.values().stream().filter(r -> source.equals(r.source())).toList();
    }

    /** Stores a record; returns once Kafka acknowledged it. */
    public void put(DocumentRecord record) {
        records.put(record.id(), record);
    }

    /**
     * Folds a pipeline status report into the record of that version; stale or backward reports are ignored. A
     * report for a version whose record is not stored yet (the pipeline can be faster than the upload's own
     * registry write) is kept and applied when that record arrives.
     */
    public synchronized void apply(DocumentStatusChanged report) {
        DocumentRecord current = find(report.documentId()).orElse(null);
        if (current == null || current.version() < report.version()) {
            pending.keep(report);
            return;
        }
        if (current.version() == report.version() && StatusOrder.advances(current.status(), report.status())) {
            put(current.withStatus(report.status(), report.reason(), report.at()));
        }
    }

    /** Stores what analysis found in the version it analysed; an analysis arriving before its record waits. */
    public synchronized void attach(DocumentAnalyzed analysis) {
        DocumentRecord current = find(analysis.documentId()).orElse(null);
        if (current == null || current.version() < analysis.version()) {
            pendingAnalyses.keep(analysis);
        } else if (current.version() == analysis.version()) {
            put(current.withAnalysis(DocumentRecord.AnalysisSummary.of(analysis), analysis.analyzedAt()));
        }
    }

    private synchronized void attach(String id, long version, DocumentRecord.AnalysisSummary summary, Instant at) {
        find(id).filter(current -> current.version() == version)
            .ifPresent(current -> put(current.withAnalysis(summary, at)));
    }

    public boolean isLoaded() {
        return records.isLoaded();
    }

    /**
     * A later version wins. Two states of the same version (written concurrently by the status and the analysis
     * listeners, or by two instances) are merged: the more advanced status and whichever analysis is present, so
     * neither update is lost.
     */
    static DocumentRecord newer(DocumentRecord current, DocumentRecord incoming) {
        if (current.version() != incoming.version()) {
            return current.version() > incoming.version() ? current : incoming;
        }
        DocumentRecord base = StatusOrder.advances(current.status(), incoming.status())
            || current.status() == incoming.status() ? incoming : current;
        DocumentRecord.AnalysisSummary analysis = incoming.analysis() != null ? incoming.analysis() : current.analysis();
        return base.analysis() == analysis ? base : base.withAnalysis(analysis, base.updatedAt());
    }

    @Override
    public void start() {
        records.start();
    }

    @Override
    public void stop() {
        records.close();
    }

    @Override
    public boolean isRunning() {
        return records.isLoaded();
    }

    /** Before the web server opens, so requests meet a loading (not an empty) registry. */
    @Override
    public int getPhase() {
        return 0;
    }
}
