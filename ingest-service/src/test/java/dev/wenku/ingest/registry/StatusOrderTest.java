package dev.wenku.ingest.registry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.events.DocumentStatusChanged.Status;
import org.junit.jupiter.api.Test;

class StatusOrderTest {

    @Test
    void aLateAnalyzedReportDoesNotUndoIndexedOrFailed() {
        assertFalse(StatusOrder.advances(Status.INDEXED, Status.ANALYZED));
        assertFalse(StatusOrder.advances(Status.FAILED, Status.ANALYZED));
        assertFalse(StatusOrder.advances(Status.FAILED, Status.RECEIVED));
    }

    @Test
    void aFailedVersionBecomesIndexedWhenItsReplayIsWritten() {
        assertTrue(StatusOrder.advances(Status.FAILED, Status.INDEXED));
    }

    @Test
    void aDeletedDocumentStaysDeletedWhateverIsReportedLater() {
        for (Status reported : Status.values()) {
            assertFalse(StatusOrder.advances(Status.DELETED, reported), reported.name());
        }
    }

    @Test
    void failureAndDeletionEndAnyVersionInProgress() {
        assertTrue(StatusOrder.advances(Status.ANALYZED, Status.FAILED));
        assertTrue(StatusOrder.advances(Status.INDEXED, Status.DELETED));
        assertTrue(StatusOrder.advances(Status.RECEIVED, Status.ANALYZED));
    }
}
