package dev.wenku.ingest.dropfolder;

import dev.wenku.ingest.IngestProperties;
import dev.wenku.ingest.documents.DocumentIngestion;
import dev.wenku.ingest.documents.DocumentOutcome;
import dev.wenku.ingest.documents.IncomingText;
import dev.wenku.ingest.documents.LoadProgress;
import dev.wenku.ingest.documents.UploadRejectedException;
import dev.wenku.ingest.documents.UploadResult;
import dev.wenku.ingest.documents.UploadValidator;
import dev.wenku.ingest.files.DecodedFile;
import dev.wenku.ingest.files.FileDecoder;
import dev.wenku.ingest.originals.OriginalUpload;
import dev.wenku.ingest.originals.Originals;
import dev.wenku.ingest.registry.DocumentRecord;
import dev.wenku.ingest.registry.DocumentRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Ingests new and changed files dropped into {@code wenku.ingest.drop-folder.path}. A file is recognised by the
 * hash of its bytes stored in the document records, so after a restart nothing already ingested is ingested
 * again. A changed file replaces the documents it produced before: new content is stored, documents of the old
 * content that the new one no longer has are deleted.
 *
 * <p>Metric: {@value #SCANS} ({@code wenku_dropfolder_scans_total}), a counter incremented at the end of each
 * completed scan of the folder (not for a scan that failed, e.g. while the database is away). Every
 * file present when a scan began has been seen once the counter moved past that scan: tests read it to know that a
 * file the watcher must ignore had its chance to be ingested.
 */
@Component
public class DropFolderWatcher implements SmartLifecycle {

    /** The counter of completed folder scans. */
    public static final String SCANS = "wenku.dropfolder.scans";

    private static final Logger log = LoggerFactory.getLogger(DropFolderWatcher.class);
    /** Who the registry records as the uploader of the folder's files. */
    static final String USER = "drop-folder";

    private final IngestProperties.DropFolder settings;
    private final FolderScan scan = new FolderScan();
    private final FileDecoder files;
    private final DocumentIngestion ingestion;
    private final DocumentRegistry registry;
    private final UploadValidator validator;
    private final Counter scans;
    private ScheduledExecutorService scheduler;

    public DropFolderWatcher(IngestProperties properties, FileDecoder files, DocumentIngestion ingestion,
                             DocumentRegistry registry, UploadValidator validator, MeterRegistry meters) {
        this.settings = properties.dropFolder();
        this.files = files;
        this.ingestion = ingestion;
        this.registry = registry;
        this.validator = validator;
        this.scans = Counter.builder(SCANS).description("Completed scans of the drop folder").register(meters);
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        try {
            Files.createDirectories(settings.path());
        } catch (IOException e) {
            log.error("Cannot create the drop folder {}; it is not watched", settings.path().toAbsolutePath(), e);
            return;
        }
        log.info("Watching drop folder {}", settings.path().toAbsolutePath());
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "drop-folder"));
        long every = settings.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::scanSafely, every, every, TimeUnit.MILLISECONDS);
    }

    private void scanSafely() {
        try {
            scanOnce();
            scans.increment();
        } catch (RuntimeException e) {
            log.warn("Drop folder scan failed; retrying at the next scan: {}", e.getMessage());
        }
    }

    /** One pass over the folder; package-visible for tests. */
    void scanOnce() {
        List<Path> changed = scan.changedFiles(settings.path());
        if (changed.isEmpty()) {
            return;
        }
        LoadProgress progress = new LoadProgress("Drop folder", changed.size());
        for (Path file : changed) {
            ingest(file, progress);
        }
    }

    private void ingest(Path file, LoadProgress progress) {
        String source = "drop/" + settings.path().relativize(file).toString().replace('\\', '/');
        try {
            byte[] bytes = Files.readAllBytes(file);
            String hash = Originals.sha256(bytes);
            List<DocumentRecord> before = registry.findBySource(source).stream().filter(r -> !r.deleted()).toList();
            if (!before.isEmpty() && before.stream().allMatch(r -> hash.equals(r.sourceHash()))) {
                scan.remember(file);
                return;
            }
            DecodedFile decoded = files.decode(file.getFileName().toString(), bytes);
            validator.validateDecoded(decoded.text(), source);
            UploadResult result = ingestion.ingest(new IncomingText(decoded.text(), decoded.encoding(), source, hash,
                decoded.title(), null, List.of(), validator.split(null),
                new OriginalUpload(file.getFileName().toString(), decoded.mediaType(), bytes), USER));
            Set<String> now = result.documents().stream().map(DocumentOutcome::id).collect(Collectors.toSet());
            before.stream().filter(r -> !now.contains(r.id())).forEach(r -> ingestion.delete(r.id(), null, USER));
            scan.remember(file);
            progress.succeeded(source, result);
        } catch (UploadRejectedException e) {
            scan.remember(file);
            progress.failed(source, e.getMessage());
        } catch (IOException e) {
            progress.failed(source, e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
