package dev.wenku.ingest.imports;

import dev.wenku.ingest.IngestProperties;
import dev.wenku.support.identity.Caller;
import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
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
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk imports: {@code POST /api/imports} takes a body of NDJSON (one JSON upload per line: {@code title},
 * {@code body}, {@code source}, {@code author}, {@code tags}), keeps it on disk and answers {@code 202} with the
 * import at once; {@link ImportRunner} works through it in the background. {@code GET /api/imports/{id}} reports its
 * progress and rejections, {@code GET /api/imports} the latest imports.
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {

    static final String NDJSON = "application/x-ndjson";
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

    @PostMapping(consumes = {NDJSON, "application/jsonl", "application/json-seq"})
    ResponseEntity<ImportView> start(InputStream body, @RequestParam(required = false) String name)
            throws IOException {
        String id = newId();
        Path folder = properties.imports().spoolFolder();
        Files.createDirectories(folder);
        Path spooled = folder.resolve(id + ".ndjson").toAbsolutePath();
        long size = spool(body, spooled);
        if (size == 0) {
            Files.deleteIfExists(spooled);
            throw new ApiException(ErrorCode.EMPTY_BODY, "The import has no lines.");
        }
        store.create(id, name, spooled.toString(), size, Caller.current(Caller.UNKNOWN), clock.instant());
        runner.wake();
        return ResponseEntity.accepted().location(URI.create("/api/imports/" + id)).body(view(id));
    }

    @GetMapping("/{id}")
    ImportView get(@PathVariable String id) {
        return view(id);
    }

    @GetMapping
    List<ImportView> list() {
        return store.recent(LISTED).stream()
            .map(job -> ImportView.of(job, store.pipeline(job.id()), List.of(), clock.instant())).toList();
    }

    private ImportView view(String id) {
        ImportStore.Job job = store.job(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
            "There is no import " + id + "."));
        return ImportView.of(job, store.pipeline(id), store.rejections(id), clock.instant());
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
