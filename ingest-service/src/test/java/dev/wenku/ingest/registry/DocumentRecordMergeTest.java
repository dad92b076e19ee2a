package dev.wenku.ingest.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.ingest.registry.DocumentRecord.AnalysisSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentRecordMergeTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final AnalysisSummary ANALYSIS = new AnalysisSummary(List.of(), List.of(), "摘要", List.of(), List.of(), null);

    @Test
    void aStatusUpdateWrittenFromAStaleRecordKeepsTheAnalysisAndViceVersa() {
        DocumentRecord received = record(1, Status.RECEIVED);
        DocumentRecord analysed = received.withAnalysis(ANALYSIS, T0.plusSeconds(1));
        DocumentRecord indexedFromStale = received.withStatus(Status.INDEXED, null, T0.plusSeconds(2));

        DocumentRecord merged = DocumentRegistry.newer(analysed, indexedFromStale);
        assertEquals(Status.INDEXED, merged.status());
        assertNotNull(merged.analysis());

        DocumentRecord reversed = DocumentRegistry.newer(indexedFromStale, analysed);
        assertEquals(Status.INDEXED, reversed.status(), "an older status never wins back");
        assertNotNull(reversed.analysis());
    }

    @Test
    void aNewerVersionReplacesEverythingOfTheOlderOne() {
        DocumentRecord old = record(1, Status.INDEXED).withAnalysis(ANALYSIS, T0);
        DocumentRecord next = record(2, Status.RECEIVED);
        assertEquals(next, DocumentRegistry.newer(old, next));
        assertEquals(next, DocumentRegistry.newer(next, old));
    }

    private static DocumentRecord record(long version, Status status) {
        return new DocumentRecord("id", version, "标题", null, List.of(), "hash", null, null, null, null, status, null,
            null, null, T0, T0);
    }
}
