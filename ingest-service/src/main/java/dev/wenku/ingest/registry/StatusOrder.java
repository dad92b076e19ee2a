package dev.wenku.ingest.registry;

import dev.wenku.events.DocumentStatusChanged.Status;

/**
 * Status reports of one version arrive from several services and can cross each other (search may report INDEXED
 * before analysis's ANALYZED report lands), so a report only ever moves a version forward. FAILED and DELETED end
 * a version's progress, with one exception: INDEXED after FAILED, which only a successful write of that version
 * reports (a dead letter replayed or a re-analysis once the cause was fixed); a late ANALYZED still cannot undo a
 * FAILED, since it may be the crossed report of the run that failed.
 */
final class StatusOrder {

    private StatusOrder() {
    }

    static boolean advances(Status current, Status reported) {
        if (current == Status.FAILED) {
            return reported == Status.INDEXED;
        }
        if (current == Status.DELETED) {
            return false;
        }
        return reported == Status.FAILED || reported == Status.DELETED || rank(reported) > rank(current);
    }

    private static int rank(Status status) {
        return switch (status) {
            case RECEIVED -> 0;
            case ANALYZED -> 1;
            case INDEXED -> 2;
            case DELETED, FAILED -> 3;
        };
    }
}
