package dev.wenku.ingest.documents;

import dev.wenku.events.DocumentIngested;
import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.ingest.documents.DocumentOutcome.Outcome;
import dev.wenku.ingest.registry.DocumentRecord;
import dev.wenku.ingest.registry.DocumentRecord.CompilationRef;
import dev.wenku.ingest.registry.DocumentRegistry;
import dev.wenku.text.CompilationSplitter;
import dev.wenku.text.Compilation;
import dev.wenku.text.Essay;
import dev.wenku.text.RepairResult;
import dev.wenku.text.TextRepair;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The document lifecycle: repair, split compilations, recognise unchanged re-uploads, store new versions, delete.
 * Every stored version is first acknowledged by Kafka, then recorded in the registry: a failure in between leaves
 * at worst an event the next retry publishes again (consumers are idempotent per version), never a lost document.
 *
 * <p>Counts every document (each essay of a split compilation once) in {@value #INGESTED} by {@code outcome}:
 * {@code created} / {@code updated} / {@code deleted} once Kafka acknowledged its event or tombstone,
 * {@code unchanged} when an identical upload published nothing.
 */
@Component
public class DocumentIngestion {

    static final String INGESTED = "wenku.documents.ingested";
    private static final int TITLE_LENGTH = 40;

    private final DocumentPublisher publisher;
    private final DocumentRegistry registry;
    private final UploadValidator validator;
    private final Clock clock;
    private final Map<Outcome, Counter> ingested = new EnumMap<>(Outcome.class);

    public DocumentIngestion(DocumentPublisher publisher, DocumentRegistry registry, UploadValidator validator,
                             Clock clock, MeterRegistry meters) {
        this.publisher = publisher;
        this.registry = registry;
        this.validator = validator;
        this.clock = clock;
        for (Outcome outcome : Outcome.values()) {
            ingested.put(outcome, Counter.builder(INGESTED)
                .description("Documents ingested, by outcome, counted once Kafka acknowledged them")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(meters));
        }
    }

    public UploadResult ingest(IncomingText in) {
        Compilation compilation = in.split() ? CompilationSplitter.split(in.text()) : null;
        List<Essay> essays = compilation == null ? List.of(new Essay(null, in.text())) : compilation.essays();
        boolean isCompilation = essays.size() > 1;
        String description = isCompilation && compilation.description() != null
            ? TextRepair.repair(compilation.description()).text().strip() : null;
        List<Prepared> prepared = new ArrayList<>();
        for (int i = 0; i < essays.size(); i++) {
            Essay essay = essays.get(i);
            RepairResult body = TextRepair.repair(essay.body());
            String title = titleOf(repaired(essay.title() != null ? essay.title() : in.declaredTitle()), body.text(), in);
            validator.checkDocumentSize(title, body.text(), i + 1, essays.size());
            CompilationRef ref = isCompilation
                ? new CompilationRef(compilationName(in), description, i + 1, essays.size()) : null;
            prepared.add(new Prepared(title, body, ref));
        }
        List<DocumentOutcome> outcomes = new ArrayList<>();
        for (Prepared document : prepared) {
            String id = DocumentIds.of(document.title(), document.body().text());
            outcomes.add(storeVersion(id, registry.find(id).orElse(null), document.title(), document.body(), in,
                document.compilation()));
        }
        return UploadResult.of(in.encoding(), description, outcomes);
    }

    /** One document of an upload, repaired and titled, not yet stored. */
    private record Prepared(String title, RepairResult body, CompilationRef compilation) {
    }

    /** A new version of an existing document (same id), from an editor's edit. */
    public DocumentOutcome update(String id, IncomingText in) {
        DocumentRecord existing = registry.find(id).orElseThrow(() -> new DocumentNotFoundException(id));
        RepairResult body = TextRepair.repair(in.text());
        String title = titleOf(repaired(in.declaredTitle() != null ? in.declaredTitle() : existing.title()), body.text(), in);
        validator.checkDocumentSize(title, body.text(), 1, 1);
        return storeVersion(id, existing, title, body, in, existing.compilation());
    }

    public DocumentOutcome delete(String id) {
        DocumentRecord existing = registry.find(id).orElseThrow(() -> new DocumentNotFoundException(id));
        if (!existing.deleted()) {
            publisher.publishDeletion(id);
            ingested.get(Outcome.DELETED).increment();
            registry.put(existing.withStatus(Status.DELETED, null, clock.instant()));
        }
        return new DocumentOutcome(id, existing.title(), existing.version(), Outcome.DELETED, Status.DELETED,
            existing.repairs(), existing.warnings());
    }

    public DocumentRecord find(String id) {
        return registry.find(id).orElseThrow(() -> new DocumentNotFoundException(id));
    }

    private DocumentOutcome storeVersion(String id, DocumentRecord existing, String title, RepairResult body,
                                         IncomingText in, CompilationRef compilation) {
        String contentHash = DocumentIds.of(title, body.text());
        if (existing != null && !existing.deleted() && existing.contentHash().equals(contentHash)) {
            ingested.get(Outcome.UNCHANGED).increment();
            return new DocumentOutcome(id, existing.title(), existing.version(), Outcome.UNCHANGED, existing.status(),
                existing.repairs(), existing.warnings());
        }
        long version = existing == null ? 1 : existing.version() + 1;
        Instant now = clock.instant();
        publisher.publish(DocumentIngested.of(id, version, title, body.text(), in.source(), in.tags(), now));
        Outcome outcome = existing == null ? Outcome.CREATED : Outcome.UPDATED;
        ingested.get(outcome).increment();
        registry.put(new DocumentRecord(id, version, title, in.source(), in.tags(), contentHash, in.sourceHash(),
            in.encoding(), body.repairs(), body.warnings(), Status.RECEIVED, null, compilation, null,
            existing == null ? now : existing.createdAt(), now));
        return new DocumentOutcome(id, title, version, outcome, Status.RECEIVED, body.repairs(), body.warnings());
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
