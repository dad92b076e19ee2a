package dev.wenku.ingest.imports;

import dev.wenku.ingest.IngestProperties;
import dev.wenku.support.identity.Caller;
import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk imports: {@code POST /api/imports} takes a body of NDJSON (one JSON upload per line: {@code title},
 * {@code body}, {@code source}, {@code author}, {@code tags}) or a zip of files in any format a single file upload
 * takes, keeps it on disk and answers {@code 202} with the import at once; {@link ImportRunner} works through it in
 * the background. {@code GET /api/imports/{id}} reports its progress and rejections, {@code GET /api/imports} the
 * latest imports.
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {

    static final String NDJSON = "application/x-ndjson";
    static final String ZIP = "application/zip";
    private static final int LISTED = 50;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ImportStore store;
    private final ImportRunner runner;
    private final IngestProperties properties;
    private final Clock clock;

    ImportController(ImportStore store, ImportRunner runner, IngestProperties properties, Clock clock) {
        this.store = store;
        this.runner = runner;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping(consumes = {NDJSON, "application/jsonl", "application/json-seq", ZIP, "application/x-zip-compressed"})
    @Operation(summary = "Start a bulk import", description = """
        The body is NDJSON (UTF-8, one JSON upload per line: title, body, source, author, tags) or a zip of files in \
        any format POST /api/documents takes as a file (.txt, .md, .html, .docx, .pdf; each entry at most \
        wenku.ingest.max-file-size; directories and hidden files are passed over). It is kept on disk and worked \
        through in the background: the answer is 202 with the import at once. A bad line or file is a rejection, \
        not the end of the import; importing the same content again stores nothing twice.""")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
        @Content(mediaType = NDJSON, schema = @Schema(type = "string", description = "one JSON upload per line")),
        @Content(mediaType = ZIP, schema = @Schema(type = "string", format = "binary",
            description = "files in any supported format; names in UTF-8, or GBK when the zip does not mark them"))})
    @ApiResponse(responseCode = "202", description = "accepted: the import, RUNNING; Location is its progress")
    @ApiResponse(responseCode = "400", description = "empty_body (no line, no file), malformed_file (not a zip)")
    @ApiResponse(responseCode = "413", description = "request_too_large: larger than wenku.ingest.imports.max-size,"
        + " or a zip with more entries than wenku.ingest.imports.max-zip-entries")
    ResponseEntity<ImportView> start(HttpServletRequest request, @Parameter(description = "a label for the import"
        + " (e.g. the file's name); a zip's documents get import/<name>/<path in the zip> as their source")
        @RequestParam(required = false) String name) throws IOException {
        ImportFormat format = MediaType.parseMediaType(request.getContentType()).getSubtype().contains("zip")
            ? ImportFormat.ZIP : ImportFormat.NDJSON;
        String id = newId();
        Path folder = properties.imports().spoolFolder();
        Files.createDirectories(folder);
        Path spooled = folder.resolve(format.fileName(id)).toAbsolutePath();
        long size = spool(request.getInputStream(), spooled);
        Integer files = checked(format, spooled, size);
        store.create(id, format, name, spooled.toString(), size, files, Caller.current(Caller.UNKNOWN), clock.instant());
        runner.wake();
        return ResponseEntity.accepted().location(URI.create("/api/imports/" + id)).body(view(id));
    }

    /**
     * Refuses (and deletes) a spooled body that can be seen at once to hold nothing to import.
     *
     * @return how many files a zip holds; null for NDJSON
     */
    private Integer checked(ImportFormat format, Path spooled, long size) throws IOException {
        try {
            if (size == 0) {
                throw new ApiException(ErrorCode.EMPTY_BODY, format == ImportFormat.ZIP ? "The import has no zip."
                    : "The import has no lines.");
            }
            return format == ImportFormat.ZIP ? ZipArrival.files(spooled, properties.imports().maxZipEntries()) : null;
        } catch (ApiException e) {
            Files.deleteIfExists(spooled);
            throw e;
        }
    }

    @GetMapping("/{id}")
    ImportView get(@PathVariable String id) {
        return view(id);
    }

    @GetMapping
    List<ImportView> list() {
        return store.recent(LISTED).stream()
            .map(job -> ImportView.of(job, List.of(), clock.instant())).toList();
    }

    private ImportView view(String id) {
        ImportStore.Job job = store.job(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
            "There is no import " + id + "."));
        return ImportView.of(job, store.rejections(id), clock.instant());
    }

    /** Copies the body to disk, refusing it (and keeping nothing) once it is larger than allowed. */
    private long spool(InputStream body, Path file) throws IOException {
        long limit = properties.imports().maxSize().toBytes();
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                size += n;
                if (size > limit) {
                    throw new ApiException(ErrorCode.REQUEST_TOO_LARGE, "The import is larger than " + limit
                        + " bytes (wenku.ingest.imports.max-size).");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return size;
    }

    private static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
