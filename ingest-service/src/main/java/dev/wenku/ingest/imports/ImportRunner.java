package dev.wenku.ingest.imports;

import dev.wenku.ingest.backpressure.PipelineBacklog;
import dev.wenku.ingest.documents.DocumentIngestion;
import dev.wenku.ingest.documents.DocumentOutcome;
import dev.wenku.ingest.documents.PreparedUpload;
import dev.wenku.ingest.documents.UploadRejectedException;
import dev.wenku.ingest.documents.UploadResult;
import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import dev.wenku.support.retry.OutageBackOff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works through the imports, one at a time in the order they came: reads each spooled body a batch of items at a
 * time (lines of NDJSON, files of a zip: {@link ImportSource}), prepares every item as its single upload would, and
 * stores the batch in one transaction together with the import's progress (position, counts, rejections, stored
 * versions), in a few round trips rather than a few per item ({@link DocumentIngestion#ingestAll}). A
 * restart resumes each import at its last committed position, so no item is stored or counted twice. A bad item is a
 * rejection (line number or file name, error code, message), never the end of the import; a batch failing for
 * another reason is retried item by item, and an item that fails on its own is rejected as an internal error. While
 * the database is away or every extraction worker is busy, the batch is retried with growing pauses. An import whose
 * body cannot be read at all ends {@code FAILED}. Before each batch the runner waits while the pipeline holds a full
 * bulk backlog ({@link PipelineBacklog}), and the batch is no larger than the room left in it: an import goes as fast
 * as analysis and indexing, and an editor's upload never queues behind the rest of it.
 */
@Component
class ImportRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);

    private final ImportStore store;
    private final ImportSources sources;
    private final DocumentIngestion ingestion;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final PipelineBacklog backlog;
    private final OutageBackOff outage;
    private ScheduledExecutorService worker;

    ImportRunner(ImportStore store, ImportSources sources, DocumentIngestion ingestion,
                 TransactionTemplate transactions, Clock clock, PipelineBacklog backlog, OutageBackOff outage) {
        this.ingestion = ingestion;
        this.backlog = backlog;
        this.outage = outage;
        this.store = store;
        this.sources = sources;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Starts on a new import at once rather than at the next poll. */
    void wake() {
        ScheduledExecutorService current = worker;
        if (current != null) {
            current.execute(this::workSafely);
        }
    }

    private void workSafely() {
        try {
            for (String id : store.running()) {
                store.job(id).filter(ImportRunner::readableHere).ifPresent(this::run);
            }
        } catch (RuntimeException e) {
            log.warn("Imports paused: {}", e.toString());
        }
    }

    /**
     * Whether this instance can read the import's spooled body: the instance that received it can, and every instance
     * when the spool folder is shared. Another instance leaves the import to them (it waits while none can).
     */
    private static boolean readableHere(ImportStore.Job job) {
        return Files.isReadable(Path.of(job.spoolPath()));
    }

    private void run(ImportStore.Job job) {
        String id = job.id();
        String failure;
        try (OpenSource source = new OpenSource()) {
            failure = work(job, source);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if ("RUNNING".equals(store.job(id).map(ImportStore.Job::state).orElse(null))) {
            finish(job, failure == null ? "DONE" : "FAILED", failure);
        }
    }

    /**
     * Stores the job's batches until its body is read.
     *
     * @return null once every item is handled, or why the body cannot be read
     * @throws InterruptedException when the runner stops meanwhile (the import resumes at the next start)
     */
    private String work(ImportStore.Job start, OpenSource source) throws InterruptedException {
        ImportStore.Job job = start;
        OutageBackOff.Retries outageRetries = outage.retries();
        int batchSize = sources.batchSize(job.format());
        while (!Thread.currentThread().isInterrupted()) {
            ImportStore.Job from = job;
            try {
                int room = (int) backlog.awaitRoom(batchSize);
                ImportStore.Progress batch = null;
                try {
                    Batch read = read(source.at(from), from, room);
                    batch = transactions.execute(status -> storeBatch(from, read));
                } finally {
                    // Unchanged and rejected lines send nothing on their way: their room is free again at once.
                    backlog.unused(room - sentOnItsWay(batch));
                }
                if (batch == ImportStore.Progress.ELSEWHERE) {
                    // Another instance stores this import's batch now, or has moved past this one.
                    source.discard();
                    Thread.sleep(IDLE_POLL);
                } else if (batch == null || batch.read() == 0) {
                    return null;
                }
                outageRetries.succeeded();
                batchSize = sources.batchSize(job.format());
            } catch (IOException | UncheckedIOException e) {
                return "The spooled body cannot be read: " + e.getMessage();
            } catch (RuntimeException e) {
                source.discard();
                if (worthWaitingFor(e)) {
                    Duration pause = outageRetries.nextPause();
                    log.warn("Import {} waits {} before item {} again: {}", from.id(), pause, from.read() + 1,
                        e.toString());
                    Thread.sleep(pause);
                } else if (batchSize > 1) {
                    // Something in the batch failed unexpectedly: go item by item to find the item that did.
                    batchSize = 1;
                } else {
                    log.warn("Import {}: item {} failed", from.id(), from.read() + 1, e);
                    skipItem(from, e);
                }
            }
            job = store.job(from.id()).orElse(from);
            if (!"RUNNING".equals(job.state())) {
                return null; // finished by another instance
            }
        }
        throw new InterruptedException();
    }

    /** The documents a stored batch sent on their way through the pipeline (none if it stored nothing). */
    private static int sentOnItsWay(ImportStore.Progress batch) {
        return batch == null ? 0 : batch.created() + batch.updated();
    }

    /**
     * Whether a batch failed for a passing reason of the platform's (the database away, every extraction worker
     * busy) rather than because of an item: it is tried again, unchanged, after a pause.
     */
    private static boolean worthWaitingFor(RuntimeException failure) {
        return failure instanceof DataAccessException
            || failure instanceof ApiException api && api.code().retryable();
    }

    /** Rejects the item at the job's position as an internal error and moves past it. */
    private void skipItem(ImportStore.Job job, RuntimeException failure) {
        transactions.executeWithoutResult(status -> {
            if (!store.holdAt(job.id(), job.position())) {
                return;
            }
            try (ImportSource items = sources.open(job, job.position())) {
                ImportSource.Item item = items.next();
                if (item == null) {
                    return;
                }
                int number = job.read() + 1;
                String what = item.fileName() != null ? item.fileName() : "Line " + number;
                store.reject(job.id(), number, item.fileName(), ErrorCode.INTERNAL_ERROR.code(), what
                    + " could not be stored: " + failure.getClass().getSimpleName());
                store.advance(job.id(), new ImportStore.Progress(item.end(), 1, 0, 0, 0, 1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Reads up to {@code limit} items from the job's position and prepares each as its upload (the costly part:
     * parsing, repair, extraction), outside the transaction that stores them. The lines of NDJSON are prepared in
     * parallel; the files of a zip one after another, as each may take one of the few extraction workers.
     */
    private Batch read(ImportSource items, ImportStore.Job job, int limit) throws IOException {
        List<ImportSource.Item> taken = new ArrayList<>();
        for (ImportSource.Item item = items.next(); item != null; item = items.next()) {
            taken.add(item);
            if (taken.size() >= limit) {
                break;
            }
        }
        int first = job.read() + 1;
        IntFunction<Prepared> prepare = i -> Prepared.of(taken.get(i), first + i);
        IntStream indices = IntStream.range(0, taken.size());
        List<Prepared> prepared = (job.format() == ImportFormat.NDJSON ? indices.parallel() : indices)
            .mapToObj(prepare).toList();
        return new Batch(prepared, taken.isEmpty() ? job.position() : taken.getLast().end());
    }

    /**
     * Stores a batch read from the job's position, in the caller's transaction, with the import's progress;
     * {@code ELSEWHERE} when another instance is storing a batch of the import or has moved it past that position
     * (instances sharing a spool folder take its batches in turn, each once).
     */
    private ImportStore.Progress storeBatch(ImportStore.Job job, Batch batch) {
        if (!store.holdAt(job.id(), job.position())) {
            return ImportStore.Progress.ELSEWHERE;
        }
        Tally tally = new Tally(batch.end(), batch.items().size());
        List<PreparedUpload> uploads = new ArrayList<>();
        for (Prepared item : batch.items()) {
            if (item.rejection() != null) {
                tally.rejected++;
                store.reject(job.id(), item.number(), item.fileName(), item.rejection().code().code(),
                    item.rejection().getMessage());
            } else if (item.upload() != null) {
                uploads.add(item.upload());
            }
        }
        ingestion.ingestAll(uploads).forEach(tally::stored);
        ImportStore.Progress progress = tally.progress();
        if (progress.read() > 0) {
            store.stored(job.id(), tally.versions);
            store.advance(job.id(), progress);
        }
        return progress;
    }

    /** The items of a batch, prepared, and the position after the last of them. */
    private record Batch(List<Prepared> items, long end) {
    }

    /** One item of a batch: its number and file name (for its rejection), and the upload it is or why it is not. */
    private record Prepared(int number, String fileName, PreparedUpload upload, UploadRejectedException rejection) {

        static Prepared of(ImportSource.Item item, int number) {
            try {
                return new Prepared(number, item.fileName(), item.prepare(number), null);
            } catch (UploadRejectedException e) {
                return new Prepared(number, item.fileName(), null, e);
            }
        }
    }

    private void finish(ImportStore.Job job, String state, String error) {
        store.finish(job.id(), state, error, clock.instant());
        Path spooled = Path.of(job.spoolPath());
        try {
            Files.deleteIfExists(spooled);
        } catch (IOException e) {
            log.warn("Could not delete the spooled body {} of import {}: {}", spooled, job.id(), e.toString());
        }
        ImportStore.Job done = store.job(job.id()).orElse(job);
        log.info("Import {} {}: {} {}, {} created, {} updated, {} unchanged, {} rejected{}", job.id(),
            state.toLowerCase(Locale.ROOT), done.read(), job.format().unit(), done.created(), done.updated(),
            done.unchanged(), done.rejected(), error == null ? "" : " (" + error + ")");
    }

    /** A batch's counts as its items are stored, and the versions it made (which the import's progress follows). */
    private static final class Tally {

        private final List<ImportStore.StoredVersion> versions = new ArrayList<>();
        private final long position;
        private final int read;
        private int created;
        private int updated;
        private int unchanged;
        private int rejected;

        Tally(long position, int read) {
            this.position = position;
            this.read = read;
        }

        void stored(UploadResult result) {
            if (result == null) {
                return;
            }
            for (DocumentOutcome outcome : result.documents()) {
                if (outcome.changed()) {
                    versions.add(new ImportStore.StoredVersion(outcome.id(), outcome.version()));
                }
                switch (outcome.outcome()) {
                    case CREATED -> created++;
                    case UPDATED -> updated++;
                    default -> unchanged++;
                }
            }
        }

        ImportStore.Progress progress() {
            return new ImportStore.Progress(position, read, created, updated, unchanged, rejected);
        }
    }

    /**
     * The source of the import being worked through, kept open from one batch to the next (a zip's directory is read
     * once, not per batch) and opened again at the committed position after a batch that did not commit.
     */
    private final class OpenSource implements AutoCloseable {

        private ImportSource source;

        ImportSource at(ImportStore.Job job) throws IOException {
            if (source == null) {
                source = sources.open(job, job.position());
            }
            return source;
        }

        void discard() {
            close();
        }

        @Override
        public void close() {
            if (source != null) {
                try {
                    source.close();
                } catch (IOException e) {
                    log.warn("Could not close an import's body: {}", e.toString());
                }
                source = null;
            }
        }
    }

    @Override
    public synchronized void start() {
        worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "imports"));
        worker.scheduleWithFixedDelay(this::workSafely, 0, IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
