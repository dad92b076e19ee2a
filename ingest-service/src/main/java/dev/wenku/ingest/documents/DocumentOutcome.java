package dev.wenku.ingest.documents;

import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.text.RepairWarning;
import java.util.List;
import java.util.Map;

/** What happened to one document of an upload, an edit, a restore or a deletion. */
public record DocumentOutcome(String id, String title, long version, Outcome outcome, Status status,
                              Map<String, Integer> repairs, List<RepairWarning> warnings) {

    public enum Outcome { CREATED, UPDATED, UNCHANGED, DELETED }

    public boolean changed() {
        return outcome != Outcome.UNCHANGED;
    }
}
