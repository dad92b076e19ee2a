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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** An upload's documents, ready to be stored, with the upload they came from (null: none kept) and its user. */
    record Upload(List<Draft> drafts, OriginalUpload original, String user) {
    }

    /**
     * Stores the documents of several uploads (one, or an import's batch), and each upload that changed anything
     * once; returns each upload's outcomes in order. Whatever the batch holds, it costs a few round trips, not a few
     * per document: the documents' rows are locked in one statement, the new ones created in one, and the versions and
     * their events inserted in one each. Later drafts of a document see what the earlier ones of the batch stored (a
     * repeated line is unchanged).
     */
    @Transactional
    public List<List<DocumentOutcome>> store(List<Upload> uploads, Instant at) {
        Map<String, Current> current = new HashMap<>(store.lockAll(uploads.stream()
            .flatMap(upload -> upload.drafts().stream()).map(Draft::id).toList()));
        Set<String> created = claim(uploads, current, at);
        List<NewVersion> advanced = new ArrayList<>();
        List<NewVersion> stored = new ArrayList<>();
        List<List<DocumentOutcome>> outcomes = new ArrayList<>();
        for (Upload upload : uploads) {
            Long uploadId = null;
            List<DocumentOutcome> ofUpload = new ArrayList<>();
            for (Draft draft : upload.drafts()) {
                boolean creates = created.remove(draft.id());
                Current now = current.get(draft.id());
                if (!creates && !now.deleted() && now.contentHash().equals(draft.contentHash())) {
                    ofUpload.add(unchanged(now, draft));
                    continue;
                }
                if (uploadId == null) {
                    uploadId = originals.store(upload.original(), upload.user(), at);
                }
                NewVersion version = version(draft, creates ? 1 : now.version() + 1, uploadId, null, upload.user(), at);
                if (!creates) {
                    advanced.add(version);
                }
                stored.add(version);
                current.put(draft.id(), new Current(draft.id(), version.version(), Status.RECEIVED,
                    draft.contentHash(), draft.title(), draft.source(), draft.author(), draft.tags(),
                    draft.compilation(), creates ? at : now.createdAt()));
                ofUpload.add(outcome(version, creates ? Outcome.CREATED : Outcome.UPDATED, draft));
            }
            outcomes.add(ofUpload);
        }
        store.advance(advanced);
        store.insertVersions(stored);
        return outcomes;
    }

    /**
     * Creates the documents of the batch that do not exist yet, from the first draft of each, and returns their ids;
     * one created meanwhile by another transaction (now committed) is locked and added to {@code current}.
     */
    private Set<String> claim(List<Upload> uploads, Map<String, Current> current, Instant at) {
        Map<String, NewVersion> firsts = new LinkedHashMap<>();
        for (Upload upload : uploads) {
            for (Draft draft : upload.drafts()) {
                if (!current.containsKey(draft.id()) && !firsts.containsKey(draft.id())) {
                    firsts.put(draft.id(), version(draft, 1, null, null, upload.user(), at));
                }
            }
        }
        Set<String> created = new HashSet<>(store.claim(List.copyOf(firsts.values())));
        Set<String> lost = new HashSet<>(firsts.keySet());
        lost.removeAll(created);
        current.putAll(store.lockAll(lost));
        return created;
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
        NewVersion next = version(draft, current.version() + 1, uploadId, restoredFrom, user, at);
        store.advance(List.of(next));
        store.insertVersions(List.of(next));
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
