package dev.wenku.ingest.documents;

import dev.wenku.ingest.documents.DocumentOutcome.Outcome;
import dev.wenku.ingest.documents.DocumentVersions.Draft;
import dev.wenku.ingest.registry.DocumentRecord;
import dev.wenku.ingest.registry.DocumentRecord.CompilationRef;
import dev.wenku.ingest.registry.DocumentRegistry;
import dev.wenku.ingest.registry.VersionHistory;
import dev.wenku.text.Compilation;
import dev.wenku.text.CompilationSplitter;
import dev.wenku.text.Essay;
import dev.wenku.text.RepairResult;
import dev.wenku.text.TextRepair;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The document lifecycle: repair, split compilations, recognise unchanged re-uploads, store new versions (with their
 * events, in one transaction: {@link DocumentVersions}), edit, restore, delete. The repair and splitting, the costly
 * part, happen before the transaction.
 *
 * <p>Counts every document (each essay of a split compilation once) in {@value #INGESTED} by {@code outcome}:
 * {@code created} / {@code updated} / {@code deleted} once its version is committed (its event is then in the
 * outbox), {@code unchanged} when an identical upload stored nothing.
 */
@Component
public class DocumentIngestion {

    static final String INGESTED = "wenku.documents.ingested";
    private static final Logger log = LoggerFactory.getLogger(DocumentIngestion.class);
    private static final int TITLE_LENGTH = 40;

    private final DocumentVersions versions;
    private final DocumentRegistry registry;
    private final VersionHistory history;
    private final UploadValidator validator;
    private final Clock clock;
    private final Map<Outcome, Counter> ingested = new EnumMap<>(Outcome.class);

    public DocumentIngestion(DocumentVersions versions, DocumentRegistry registry, VersionHistory history,
                             UploadValidator validator, Clock clock, MeterRegistry meters) {
        this.versions = versions;
        this.registry = registry;
        this.history = history;
        this.validator = validator;
        this.clock = clock;
        for (Outcome outcome : Outcome.values()) {
            ingested.put(outcome, Counter.builder(INGESTED)
                .description("Documents ingested, by outcome, counted once their version is committed")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(meters));
        }
    }

    /** Stores an upload: its text repaired, split and stored in a transaction of its own. */
    public UploadResult ingest(IncomingText in) {
        PreparedUpload upload = prepare(in);
        List<DocumentOutcome> outcomes = versions.store(List.of(upload.stored()), clock.instant()).getFirst();
        outcomes.forEach(this::count);
        outcomes.forEach(DocumentIngestion::logged);
        return upload.result(outcomes);
    }

    /**
     * Stores several prepared uploads in the caller's transaction (an import's batch) in a few round trips, and
     * returns what each stored, in order. The documents are counted, not logged one by one: the import logs its
     * totals.
     */
    public List<UploadResult> ingestAll(List<PreparedUpload> uploads) {
        if (uploads.isEmpty()) {
            return List.of();
        }
        List<List<DocumentOutcome>> outcomes = versions.store(uploads.stream().map(PreparedUpload::stored).toList(),
            clock.instant());
        List<UploadResult> results = new ArrayList<>(uploads.size());
        for (int i = 0; i < uploads.size(); i++) {
            outcomes.get(i).forEach(this::count);
            results.add(uploads.get(i).result(outcomes.get(i)));
        }
        return results;
    }

    /**
     * Repairs, splits, titles and checks an upload's text without touching the registry: the costly part of an upload,
     * which an import does for a batch's items before it stores them together.
     *
     * @throws UploadRejectedException when a document of it is too large
     */
    public PreparedUpload prepare(IncomingText in) {
        Compilation compilation = in.split() ? CompilationSplitter.split(in.text()) : null;
        List<Essay> essays = compilation == null ? List.of(new Essay(null, in.text())) : compilation.essays();
        boolean isCompilation = essays.size() > 1;
        String description = isCompilation && compilation.description() != null
            ? TextRepair.repair(compilation.description()).text().strip() : null;
        List<Draft> drafts = new ArrayList<>();
        for (int i = 0; i < essays.size(); i++) {
            Essay essay = essays.get(i);
            RepairResult body = TextRepair.repair(essay.body());
            String title = titleOf(repaired(essay.title() != null ? essay.title() : in.declaredTitle()), body.text(), in);
            validator.checkDocumentSize(title, body.text(), i + 1, essays.size());
            CompilationRef ref = isCompilation
                ? new CompilationRef(compilationName(in), description, i + 1, essays.size()) : null;
            drafts.add(draft(DocumentIds.of(title, body.text()), title, body, in, ref));
        }
        return new PreparedUpload(new DocumentVersions.Upload(drafts, in.original(), in.user()), in.encoding(),
            description);
    }

    /**
     * A new version of an existing document (same id), from an editor's edit.
     *
     * @param expected the version the edit was made from ({@code If-Match}), or null to change whatever is current
     */
    public DocumentOutcome update(String id, IncomingText in, Long expected) {
        DocumentRecord existing = find(id);
        RepairResult body = TextRepair.repair(in.text());
        String title = titleOf(repaired(in.declaredTitle() != null ? in.declaredTitle() : existing.title()), body.text(), in);
        validator.checkDocumentSize(title, body.text(), 1, 1);
        IncomingText edit = new IncomingText(in.text(), in.encoding(), in.source() != null ? in.source()
            : existing.source(), existing.sourceHash(), title, in.author() != null ? in.author() : existing.author(),
            in.tags().isEmpty() ? existing.tags() : in.tags(), false, null, in.user());
        return logged(count(versions.update(draft(id, title, body, edit, existing.compilation()), expected, in.user(),
            clock.instant())));
    }

    /** A new version holding what version {@code version} held. */
    public DocumentOutcome restore(String id, int version, Long expected, String user) {
        VersionHistory.Version earlier = history.version(id, version);
        DocumentRecord current = find(id);
        Draft draft = new Draft(id, earlier.title(), earlier.body(), earlier.repairs(), earlier.warnings(),
            DocumentIds.of(earlier.title(), earlier.body()), earlier.source(), earlier.author(), earlier.tags(),
            earlier.encoding(), current.compilation(), current.sourceHash());
        return logged(count(versions.restore(draft, version, expected, user, clock.instant())));
    }

    public DocumentOutcome delete(String id, Long expected, String user) {
        return logged(count(versions.delete(id, expected, user, clock.instant())));
    }

    public DocumentRecord find(String id) {
        return registry.find(id).orElseThrow(() -> new DocumentNotFoundException(id));
    }

    private DocumentOutcome count(DocumentOutcome outcome) {
        ingested.get(outcome.outcome()).increment();
        return outcome;
    }

    /** Logs an outcome in the request's trace: the log line ties the upload to its document. */
    private static DocumentOutcome logged(DocumentOutcome outcome) {
        log.info("{} {} version {}", outcome.outcome(), outcome.id(), outcome.version());
        return outcome;
    }

    private static Draft draft(String id, String title, RepairResult body, IncomingText in, CompilationRef compilation) {
        return new Draft(id, title, body.text(), body.repairs(), body.warnings(), DocumentIds.of(title, body.text()),
            in.source(), in.author(), in.tags(), in.encoding(), compilation, in.sourceHash());
    }

    private static String repaired(String title) {
        return title == null ? null : TextRepair.repair(title).text().strip();
    }

    private static String compilationName(IncomingText in) {
        return in.declaredTitle() != null ? in.declaredTitle() : in.source();
    }

    private static String titleOf(String given, String body, IncomingText in) {
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        String firstLine = body.strip().lines().findFirst().orElse("").strip();
        if (!firstLine.isEmpty()) {
            return firstLine.length() <= TITLE_LENGTH ? firstLine : firstLine.substring(0, TITLE_LENGTH) + "…";
        }
        return in.source() != null ? in.source() : "未命名";
    }
}
