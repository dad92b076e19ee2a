package dev.wenku.ingest.registry;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.ingest.registry.DocumentRecord.AnalysisSummary;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Analyses that arrived before the record of their version. Only the summary a record shows is kept (not the
 * analysed text), the newest version per document, and at most {@value #LIMIT} documents, so analyses of
 * documents this registry never hears of cannot fill the heap.
 */
final class PendingAnalyses {

    static final int LIMIT = 10_000;

    record Pending(long version, AnalysisSummary summary, Instant analyzedAt) {
    }

    private final Map<String, Pending> byDocument = new ConcurrentHashMap<>();

    void keep(DocumentAnalyzed analysis) {
        Pending pending = new Pending(analysis.version(), AnalysisSummary.of(analysis), analysis.analyzedAt());
        if (byDocument.size() < LIMIT || byDocument.containsKey(analysis.documentId())) {
            byDocument.merge(analysis.documentId(), pending, (a, b) -> a.version() >= b.version() ? a : b);
        }
    }

    /** Removes and returns the pending analysis for {@code version}, dropping one older than it. */
    Optional<Pending> takeFor(String documentId, long version) {
        Pending[] taken = new Pending[1];
        byDocument.computeIfPresent(documentId, (id, pending) -> {
            if (pending.version() > version) {
                return pending;
            }
            if (pending.version() == version) {
                taken[0] = pending;
            }
            return null;
        });
        return Optional.ofNullable(taken[0]);
    }

    int size() {
        return byDocument.size();
    }
}
