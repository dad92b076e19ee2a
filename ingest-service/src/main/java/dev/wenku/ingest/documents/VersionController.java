package dev.wenku.ingest.documents;

import dev.wenku.ingest.originals.Originals;
import dev.wenku.ingest.registry.TextDiff;
import dev.wenku.ingest.registry.VersionHistory;
import dev.wenku.support.identity.Caller;
import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every version of a document: the list, one version with its text, the file it was uploaded as (while kept), the
 * difference between two versions, and restoring an earlier version (a new version with its content; with
 * {@code If-Match}, only if the document is still at that version).
 */
@RestController
@RequestMapping("/api/documents/{id}")
public class VersionController {

    private final VersionHistory history;
    private final DocumentIngestion ingestion;
    private final Originals originals;

    public VersionController(VersionHistory history, DocumentIngestion ingestion, Originals originals) {
        this.history = history;
        this.ingestion = ingestion;
        this.originals = originals;
    }

    /** Newest first. */
    @GetMapping("/versions")
    public List<VersionHistory.VersionSummary> versions(@PathVariable String id) {
        return history.versions(id);
    }

    @GetMapping("/versions/{version}")
    public VersionHistory.Version version(@PathVariable String id, @PathVariable int version) {
        return history.version(id, version);
    }

    /** The bytes the version was made from, as uploaded; 404 when none were kept (JSON upload, or purged). */
    @GetMapping("/versions/{version}/original")
    public ResponseEntity<byte[]> original(@PathVariable String id, @PathVariable int version) {
        VersionHistory.Upload upload = history.version(id, version).upload();
        Originals.Stored stored = upload == null ? null : originals.find(upload.id()).orElse(null);
        if (stored == null || stored.bytes() == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Version " + version + " of " + id + " has no uploaded file"
                + " kept (it was sent as JSON, or its file is older than the retention period).");
        }
        String name = stored.fileName() != null ? stored.fileName() : id + "-v" + version + ".txt";
        return ResponseEntity.ok()
            .contentType(stored.mediaType() != null ? MediaType.parseMediaType(stored.mediaType())
                : MediaType.APPLICATION_OCTET_STREAM)
            .header(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
            .body(stored.bytes());
    }

    /** What changed from version {@code from} (default: the one before {@code to}) to {@code to} (default: current). */
    @GetMapping("/diff")
    public TextDiff diff(@PathVariable String id, @RequestParam(required = false) Integer from,
                         @RequestParam(required = false) Integer to) {
        int newer = to != null ? to : (int) ingestion.find(id).version();
        int older = from != null ? from : newer - 1;
        if (older < 1 || newer < 1) {
            throw ApiException.invalidParameter(from == null ? "to" : "from", "Versions start at 1; compare two of them,"
                + " e.g. ?from=1&to=2.");
        }
        return history.diff(id, older, newer);
    }

    @PostMapping("/versions/{version}/restore")
    public ResponseEntity<DocumentOutcome> restore(@PathVariable String id, @PathVariable int version,
                                                   @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        DocumentOutcome outcome = ingestion.restore(id, version, VersionTags.expected(ifMatch),
            Caller.current(Caller.UNKNOWN));
        return ResponseEntity.status(outcome.changed() ? 202 : 200).eTag(VersionTags.of(outcome.version()))
            .body(outcome);
    }
}
