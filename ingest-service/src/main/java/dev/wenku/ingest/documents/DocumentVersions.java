package dev.wenku.ingest.documents;

import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.ingest.documents.DocumentOutcome.Outcome;
import dev.wenku.ingest.originals.OriginalUpload;
import dev.wenku.ingest.originals.Originals;
import dev.wenku.ingest.registry.DocumentRecord.CompilationRef;
import dev.wenku.ingest.registry.DocumentStore;
import dev.wenku.ingest.registry.DocumentStore.Current;
import dev.wenku.ingest.registry.DocumentStore.NewVersion;
import dev.wenku.text.RepairWarning;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactions of the document lifecycle: each stores its versions, their events (in the outbox) and the upload
 * they came from together, or nothing. A change that names the version it was made from ({@code If-Match}) is
 * refused when the document has moved on since.
 */
@Component
class DocumentVersions {

    /** One document ready to be stored: repaired, titled, with the id its content gives. */
    record Draft(String id, String title, String body, Map<String, Integer> repairs, List<RepairWarning> warnings,
                 String contentHash, String source, String author, List<String> tags, String encoding,
                 CompilationRef compilation, String sourceHash) {
    }

    private final DocumentStore store;
    private final Originals originals;

    DocumentVersions(DocumentStore store, Originals originals) {
        this.store = store;
        this.originals = originals;
    }

    /** Stores every document of an upload, and the upload itself once. */
    @Transactional
    public List<DocumentOutcome> store(List<Draft> drafts, OriginalUpload original, String user, Instant at) {
        Long uploadId = null;
        List<DocumentOutcome> outcomes = new ArrayList<>();
        for (Draft draft : drafts) {
            Current current = store.lock(draft.id()).orElse(null);
            if (current != null && !current.deleted() && current.contentHash().equals(draft.contentHash())) {
                outcomes.add(unchanged(current, draft));
                continue;
            }
            if (uploadId == null) {
                uploadId = originals.store(original, user, at);
            }
            outcomes.add(write(draft, current, uploadId, null, user, at));
        }
        return outcomes;
    }

    /** A new version of an existing document; {@code expected} is the version the change was made from, or null. */
    @Transactional
    public DocumentOutcome update(Draft draft, Long expected, String user, Instant at) {
        Current current = locked(draft.id(), expected);
        if (!current.deleted() && current.contentHash().equals(draft.contentHash())) {
            return unchanged(current, draft);
        }
        return write(draft, current, null, null, user, at);
    }

    /** A new version with an earlier version's content. */
    @Transactional
    public DocumentOutcome restore(Draft earlier, int restoredFrom, Long expected, String user, Instant at) {
        Current current = locked(earlier.id(), expected);
        return write(earlier, current, null, restoredFrom, user, at);
    }

    @Transactional
    public DocumentOutcome delete(String id, Long expected, String user, Instant at) {
        Current current = locked(id, expected);
        if (!current.deleted()) {
            store.delete(current, user, at);
        }
        return new DocumentOutcome(id, current.title(), current.version(), Outcome.DELETED, Status.DELETED, Map.of(),
            List.of());
    }

    private Current locked(String id, Long expected) {
        Current current = store.lock(id).orElseThrow(() -> new DocumentNotFoundException(id));
        if (expected != null && expected != current.version()) {
            throw new PreconditionFailedException(id, expected, current.version());
        }
        return current;
    }

    private DocumentOutcome write(Draft draft, Current current, Long uploadId, Integer restoredFrom, String user,
                                  Instant at) {
        if (current == null) {
            NewVersion first = version(draft, 1, uploadId, restoredFrom, user, at);
            if (store.create(first)) {
                return outcome(first, Outcome.CREATED, draft);
            }
            // Created meanwhile by a concurrent upload, now committed: this one is its next version, or unchanged.
            current = store.lock(draft.id()).orElseThrow();
            if (!current.deleted() && current.contentHash().equals(draft.contentHash())) {
                return unchanged(current, draft);
            }
        }
        NewVersion next = version(draft, current.version() + 1, uploadId, restoredFrom, user, at);
        store.update(next);
        return outcome(next, Outcome.UPDATED, draft);
    }

    private static NewVersion version(Draft draft, int version, Long uploadId, Integer restoredFrom, String user,
                                      Instant at) {
        return new NewVersion(draft.id(), version, draft.title(), draft.body(), draft.source(), draft.author(),
            draft.tags(), draft.encoding(), draft.repairs(), draft.warnings(), draft.contentHash(), draft.compilation(),
            draft.sourceHash(), uploadId, restoredFrom, user, at);
    }

    private static DocumentOutcome outcome(NewVersion version, Outcome outcome, Draft draft) {
        return new DocumentOutcome(version.id(), version.title(), version.version(), outcome, Status.RECEIVED,
            draft.repairs(), draft.warnings());
    }

    private static DocumentOutcome unchanged(Current current, Draft draft) {
        return new DocumentOutcome(current.id(), current.title(), current.version(), Outcome.UNCHANGED,
            current.status(), draft.repairs(), draft.warnings());
    }
}
