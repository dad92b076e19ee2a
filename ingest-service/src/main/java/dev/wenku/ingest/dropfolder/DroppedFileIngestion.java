package dev.wenku.ingest.dropfolder;

import dev.wenku.ingest.documents.DocumentIngestion;
import dev.wenku.ingest.documents.DocumentOutcome;
import dev.wenku.ingest.documents.IncomingText;
import dev.wenku.ingest.documents.UploadRejectedException;
import dev.wenku.ingest.documents.UploadResult;
import dev.wenku.ingest.documents.UploadValidator;
import dev.wenku.ingest.files.DecodedFile;
import dev.wenku.ingest.files.FileDecoder;
import dev.wenku.ingest.originals.OriginalUpload;
import dev.wenku.ingest.originals.Originals;
import dev.wenku.ingest.registry.DocumentRecord;
import dev.wenku.ingest.registry.DocumentRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Ingests one dropped file as the documents of its source, {@code drop/<path relative to the folder>}. A file whose
 * bytes have the hash stored with every live document of its source is unchanged (dropped again, or ingested just
 * before a crash and not yet moved): nothing is decoded or stored. Otherwise its documents replace those of the
 * source: new content is stored, documents of the old content that the new one no longer has are deleted.
 *
 * <p>Thread-safe: the watcher's workers call it at once for different files.
 */
final class DroppedFileIngestion {

    /** Who the registry records as the uploader of the folder's files. */
    static final String USER = "drop-folder";

    private final DroppedFileReader reader;
    private final FileDecoder files;
    private final DocumentIngestion ingestion;
    private final DocumentRegistry registry;
    private final UploadValidator validator;
    DroppedFileIngestion(DroppedFileReader reader, FileDecoder files, DocumentIngestion ingestion,
                         DocumentRegistry registry, UploadValidator validator) {
        this.reader = reader;
        this.files = files;
        this.ingestion = ingestion;
        this.registry = registry;
        this.validator = validator;
    }

    /**
     * @throws UploadRejectedException the file is refused for a reason of its own (moving it aside is right)
     * @throws IOException             it could not be read (it stays for the next scan)
     * @throws InterruptedException    the watcher is stopping (it stays for the next start)
     * @throws RuntimeException        the database or Kafka failed (it stays for the next scan)
     */
    UploadResult ingest(Path file, String source) throws IOException, InterruptedException {
        byte[] bytes = reader.read(file);
        String hash = Originals.sha256(bytes);
        List<DocumentRecord> before = registry.findBySource(source).stream().filter(r -> !r.deleted()).toList();
        if (!before.isEmpty() && before.stream().allMatch(r -> hash.equals(r.sourceHash()))) {
            return unchanged(before);
        }
        String name = file.getFileName().toString();
        DecodedFile decoded = decode(name, bytes);
        UploadResult result = ingestion.ingest(IncomingText.ofFile(decoded, source,
            new OriginalUpload(name, decoded.mediaType(), bytes), validator.split(null), USER).withSourceHash(hash));
        Set<String> now = result.documents().stream().map(DocumentOutcome::id).collect(Collectors.toSet());
        before.stream().filter(r -> !now.contains(r.id())).forEach(r -> ingestion.delete(r.id(), null, USER));
        return result;
    }

    /**
     * A .docx, .pdf or .html file waits here for an extraction worker, up to
     * {@code wenku.ingest.extraction.queue-timeout}; one still waiting then stays for the next scan.
     */
    private DecodedFile decode(String name, byte[] bytes) throws InterruptedException {
        try {
            return files.decode(name, bytes);
        } catch (UploadRejectedException e) {
            if (Thread.interrupted()) {
                // Stopping cut the extraction short, which says nothing about the file.
                throw new InterruptedException("stopped while " + name + " was decoded");
            }
            throw e;
        }
    }

    private static UploadResult unchanged(List<DocumentRecord> records) {
        List<DocumentOutcome> outcomes = records.stream().map(r -> new DocumentOutcome(r.id(), r.title(), r.version(),
            DocumentOutcome.Outcome.UNCHANGED, r.status(), Map.of(), List.of())).toList();
        return new UploadResult(outcomes.getFirst().id(), "UNCHANGED", records.getFirst().encoding(), null, outcomes);
    }
}
