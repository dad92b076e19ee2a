package dev.wenku.ingest.dropfolder;

import dev.wenku.ingest.IngestProperties;
import dev.wenku.ingest.backpressure.PipelineBacklog;
import dev.wenku.ingest.documents.DocumentIngestion;
import dev.wenku.ingest.documents.LoadProgress;
import dev.wenku.ingest.documents.UploadRejectedException;
import dev.wenku.ingest.documents.UploadResult;
import dev.wenku.ingest.documents.UploadValidator;
import dev.wenku.ingest.files.FileDecoder;
import dev.wenku.ingest.registry.DocumentRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Ingests the files dropped into {@code wenku.ingest.drop-folder.path}, and moves each one handled out of the way
 * ({@link HandledFiles}): the folder shows what is left to do, and a scan costs the same however much was ingested
 * before. A file dropped again under the same path replaces the documents it produced before
 * ({@link DroppedFileIngestion}). Before each file a worker waits while the pipeline holds a full bulk backlog
 * ({@link PipelineBacklog}), so an editor's upload never queues behind a whole folder of files.
 *
 * <p>A scan takes at most {@code batch-files} files ({@link FolderScan}) and hands them to {@code workers} threads;
 * the next scan begins {@code poll-interval} after the whole batch is done. A file that could not be read, or whose
 * ingestion failed on the database or Kafka, stays where it is for the next scan; after such a failure the batch
 * starts no further file (they would fail alike) and the scan counts as failed. Ingesting a file again after a crash
 * before its move is harmless: its hash shows it unchanged, and it is moved then.
 *
 * <p>Metric: {@value #SCANS} ({@code wenku_dropfolder_scans_total}), a counter incremented at the end of each
 * completed scan of the folder (not for a scan that failed, e.g. while the database is away). Every file present
 * when a scan began has been seen once the counter moved past that scan (unless more than {@code batch-files} were
 * waiting): tests read it to know that a file the watcher must ignore had its chance to be ingested.
 */
@Component
public class DropFolderWatcher implements SmartLifecycle {

    /** The counter of completed folder scans. */
    public static final String SCANS = "wenku.dropfolder.scans";

    private static final Logger log = LoggerFactory.getLogger(DropFolderWatcher.class);
    /** How long stopping waits for the files being ingested (an extraction may take its timeout, 20 s by default). */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final IngestProperties.DropFolder settings;
    private final DroppedFileIngestion files;
    private final Counter scans;
    private final PipelineBacklog backlog;
    private Path folder;
    private HandledFiles handled;
    private ScheduledExecutorService scheduler;
    private ExecutorService workers;
    private volatile boolean stopping;

    public DropFolderWatcher(IngestProperties properties, FileDecoder decoder, DocumentIngestion ingestion,
                             DocumentRegistry registry, UploadValidator validator, PipelineBacklog backlog,
                             MeterRegistry meters) {
        this.backlog = backlog;
        this.settings = properties.dropFolder();
        this.files = new DroppedFileIngestion(new DroppedFileReader(properties.maxFileSize().toBytes()), decoder,
            ingestion, registry, validator);
        this.scans = Counter.builder(SCANS).description("Completed scans of the drop folder").register(meters);
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        try {
            Files.createDirectories(settings.path());
            // The folder itself may be a link (a mounted volume); below it, links are not followed.
            folder = settings.path().toRealPath();
        } catch (IOException e) {
            log.error("Cannot create the drop folder {}; it is not watched", settings.path().toAbsolutePath(), e);
            return;
        }
        log.info("Watching drop folder {} ({} workers)", folder, settings.workers());
        handled = new HandledFiles(folder);
        stopping = false;
        AtomicInteger threads = new AtomicInteger();
        workers = Executors.newFixedThreadPool(settings.workers(),
            r -> new Thread(r, "drop-folder-" + threads.incrementAndGet()));
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "drop-folder"));
        long every = settings.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::scanSafely, every, every, TimeUnit.MILLISECONDS);
    }

    private void scanSafely() {
        try {
            scanOnce();
            scans.increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopping) {
                log.warn("Drop folder scan failed; retrying at the next scan: {}", e.toString());
            }
        }
    }

    /** One batch of the folder's files, handled by the workers; returns once every one of them is. */
    private void scanOnce() throws InterruptedException {
        List<Path> batch = stopping ? List.of() : FolderScan.waitingFiles(folder, settings.batchFiles());
        if (batch.isEmpty()) {
            return;
        }
        LoadProgress progress = new LoadProgress("Drop folder", batch.size());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Future<?>> handling = batch.stream()
            .<Future<?>>map(file -> workers.submit(() -> handle(file, progress, failure)))
            .toList();
        // Every file of the batch is waited for, even after a failure: the next scan must not list one still handled.
        for (Future<?> file : handling) {
            try {
                file.get();
            } catch (ExecutionException e) {
                failure.compareAndSet(null, new IllegalStateException("Handling a dropped file failed", e.getCause()));
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private void handle(Path file, LoadProgress progress, AtomicReference<RuntimeException> failure) {
        if (stopping || failure.get() != null) {
            return;
        }
        String source = "drop/" + folder.relativize(file).toString().replace('\\', '/');
        UploadResult result;
        try {
            backlog.awaitRoom(1);
            result = files.ingest(file, source);
        } catch (UploadRejectedException e) {
            reject(file, source, e, progress);
            return;
        } catch (IOException e) {
            progress.failed(source, "not read, tried again at the next scan: " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            progress.failed(source, "left for the next scan: " + e);
            return;
        }
        try {
            handled.done(file);
        } catch (IOException e) {
            log.warn("{} was ingested but not moved into {}: {}; the next scan finds it unchanged and moves it",
                source, HandledFiles.DONE, e.toString());
        }
        progress.succeeded(source, result);
    }

    private void reject(Path file, String source, UploadRejectedException error, LoadProgress progress) {
        try {
            handled.rejected(file, error);
        } catch (IOException e) {
            log.warn("{} was refused but not moved into {}: {}; it is refused again at the next scan", source,
                HandledFiles.REJECTED, e.toString());
        }
        progress.failed(source, error.code().code() + ": " + error.getMessage());
    }

    /**
     * Lets the files being ingested finish (no new one starts), then stops; a file cut short stays in the folder,
     * for the next start.
     */
    @Override
    public void stop() {
        if (scheduler == null) {
            return;
        }
        stopping = true;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Drop folder files still being ingested after {}; interrupting them", STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        scheduler.shutdownNow();
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
