package dev.wenku.ingest.registry;

import dev.wenku.events.DocumentStatusChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Status reports that arrived before the record of their version; bounded so a lost record cannot grow it. */
final class PendingReports {

    private static final int LIMIT = 10_000;

    private final Map<String, List<DocumentStatusChanged>> byDocument = new ConcurrentHashMap<>();

    void keep(DocumentStatusChanged report) {
        if (byDocument.size() < LIMIT) {
            byDocument.computeIfAbsent(report.documentId(), id -> new ArrayList<>()).add(report);
        }
    }

    /** Removes and returns the reports for {@code version}; reports for older versions are dropped. */
    List<DocumentStatusChanged> takeFor(String documentId, long version) {
        List<DocumentStatusChanged> ready = new ArrayList<>();
        byDocument.computeIfPresent(documentId, (id, reports) -> {
            List<DocumentStatusChanged> later = new ArrayList<>();
            for (DocumentStatusChanged report : reports) {
                if (report.version() == version) {
                    ready.add(report);
                } else if (report.version() > version) {
                    later.add(report);
                }
            }
            return later.isEmpty() ? null : later;
        });
        return ready;
    }
}
