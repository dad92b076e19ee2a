package dev.wenku.ingest.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.events.DocumentAnalyzed;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingAnalysesTest {

    private final PendingAnalyses pending = new PendingAnalyses();

    @Test
    void keepsOnlyTheSummaryOfTheNewestVersionUntilItsRecordArrives() {
        pending.keep(analysis("a", 2, "第二版"));
        pending.keep(analysis("a", 1, "第一版"));

        assertTrue(pending.takeFor("a", 1).isEmpty(), "an older record does not take a newer analysis");
        PendingAnalyses.Pending taken = pending.takeFor("a", 2).orElseThrow();
        assertEquals("第二版", taken.summary().summary());
        assertTrue(pending.takeFor("a", 2).isEmpty(), "taken once");
    }

    @Test
    void dropsAnAnalysisOlderThanTheRecordThatArrives() {
        pending.keep(analysis("b", 1, "旧"));

        assertTrue(pending.takeFor("b", 3).isEmpty());
        assertEquals(0, pending.size());
    }

    @Test
    void analysesOfDocumentsNeverRegisteredStopAtTheLimit() {
        for (int i = 0; i < PendingAnalyses.LIMIT + 500; i++) {
            pending.keep(analysis("unknown-" + i, 1, "摘要"));
        }
        pending.keep(analysis("unknown-0", 2, "仍可更新"));

        assertEquals(PendingAnalyses.LIMIT, pending.size());
        assertEquals("仍可更新", pending.takeFor("unknown-0", 2).orElseThrow().summary().summary());
    }

    private static DocumentAnalyzed analysis(String id, long version, String summary) {
        Instant now = Instant.parse("2026-11-27T00:00:00Z");
        return new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, id, version, "标题", "正文", "标题", "正文",
            "test", List.of(), List.of(), List.of(), summary, List.of(), List.of(), "biaoti", now, now);
    }
}
