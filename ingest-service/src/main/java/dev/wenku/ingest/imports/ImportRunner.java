package dev.wenku.ingest.imports;

import dev.wenku.ingest.IngestProperties;
import dev.wenku.ingest.documents.DocumentIngestion;
import dev.wenku.ingest.documents.DocumentOutcome;
import dev.wenku.ingest.documents.DocumentUpload;
import dev.wenku.ingest.documents.IncomingText;
import dev.wenku.ingest.documents.UploadRejectedException;
import dev.wenku.ingest.documents.UploadResult;
import dev.wenku.ingest.documents.UploadValidator;
import dev.wenku.support.problem.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Works through the imports, one at a time in the order they came: reads each spooled body a batch of lines at a
 * time and stores every line as the JSON upload path would, in one transaction per batch together with the import's
 * progress (position, counts, rejections, stored versions). A restart resumes each import at its last committed
 * position, so no line is stored or counted twice. A bad line is a rejection (line number, error code, message), never
 * the end of the import; a batch failing for another reason is retried line by line, and a line that fails on its own
 * is rejected as an internal error. While the database is away, the batch is retried with growing pauses.
 */
@Component
class ImportRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);

    private final ImportStore store;
    private final DocumentIngestion ingestion;
    private final UploadValidator validator;
    private final TransactionTemplate transactions;
    private final IngestProperties properties;
    private final Clock clock;
    /** The application's mapper: a line is read exactly as the JSON upload endpoint reads its body. */
    private final JsonMapper json;
    private ScheduledExecutorService worker;

    ImportRunner(ImportStore store, DocumentIngestion ingestion, UploadValidator validator,
                 TransactionTemplate transactions, IngestProperties properties, Clock clock, JsonMapper json) {
        this.store = store;
        this.ingestion = ingestion;
        this.validator = validator;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
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
                run(id);
            }
        } catch (RuntimeException e) {
            log.warn("Imports paused: {}", e.toString());
        }
    }

    private void run(String id) {
        ImportStore.Job job = store.job(id).orElseThrow();
        Path spooled = Path.of(job.spoolPath());
        Duration pause = Duration.ofMillis(200);
        int batchLines = properties.imports().batchLines();
        while (!Thread.currentThread().isInterrupted()) {
            ImportStore.Job from = job;
            int limit = batchLines;
            try (SpooledLines lines = new SpooledLines(spooled, from.position(), lineLimit())) {
                ImportStore.Progress batch = transactions.execute(status -> storeBatch(from, lines, limit));
                if (batch == null || batch.lines() == 0) {
                    finish(from, spooled, "DONE", null);
                    return;
                }
                pause = Duration.ofMillis(200);
                batchLines = properties.imports().batchLines();
            } catch (IOException e) {
                finish(from, spooled, "FAILED", "The spooled body cannot be read: " + e.getMessage());
                return;
            } catch (DataAccessException e) {
                log.warn("Import {} waits {} before line {} again: {}", id, pause, from.lines() + 1, e.toString());
                sleep(pause);
                pause = min(pause.multipliedBy(2), properties.retryBackoffMax());
            } catch (RuntimeException e) {
                if (limit > 1) {
                    // Something in the batch failed unexpectedly: go line by line to find the line that did.
                    batchLines = 1;
                } else {
                    log.warn("Import {}: line {} failed", id, from.lines() + 1, e);
                    skipLine(from, spooled, e);
                }
            }
            job = store.job(id).orElse(from);
        }
    }

    /** Rejects the line at the job's position as an internal error and moves past it. */
    private void skipLine(ImportStore.Job job, Path spooled, RuntimeException failure) {
        transactions.executeWithoutResult(status -> {
            try (SpooledLines lines = new SpooledLines(spooled, job.position(), lineLimit())) {
                SpooledLines.Line line = lines.next();
                int number = job.lines() + 1;
                store.reject(job.id(), number, ErrorCode.INTERNAL_ERROR.code(), "Line " + number
                    + " could not be stored: " + failure.getClass().getSimpleName());
                store.advance(job.id(), new ImportStore.Progress(line == null ? job.size() : line.end(), 1, 0, 0, 0, 1));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Stores up to {@code limit} lines from the job's position, in the caller's transaction. */
    private ImportStore.Progress storeBatch(ImportStore.Job job, SpooledLines lines, int limit) {
        int number = job.lines();
        long position = job.position();
        int read = 0;
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int rejected = 0;
        try {
            for (SpooledLines.Line next = lines.next(); next != null; next = lines.next()) {
                number++;
                read++;
                position = next.end();
                try {
                    UploadResult result = storeLine(job, number, next);
                    if (result != null) {
                        for (DocumentOutcome outcome : result.documents()) {
                            switch (outcome.outcome()) {
                                case CREATED -> created++;
                                case UPDATED -> updated++;
                                default -> unchanged++;
                            }
                            if (outcome.changed()) {
                                store.stored(job.id(), outcome.id(), outcome.version());
                            }
                        }
                    }
                } catch (UploadRejectedException e) {
                    rejected++;
                    store.reject(job.id(), number, e.code().code(), e.getMessage());
                }
                if (read >= limit) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ImportStore.Progress progress = new ImportStore.Progress(position, read, created, updated, unchanged,
            rejected);
        if (read > 0) {
            store.advance(job.id(), progress);
        }
        return progress;
    }

    /** One line as a JSON upload; null for a blank line (skipped, but counted so line numbers match the file). */
    private UploadResult storeLine(ImportStore.Job job, int number, SpooledLines.Line line) {
        if (line.tooLong()) {
            throw new UploadRejectedException(ErrorCode.BODY_TOO_LARGE, "Line " + number + " is longer than "
                + lineLimit() + " bytes.");
        }
        String text = utf8(line.bytes(), number);
        if (number == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            return null;
        }
        DocumentUpload upload;
        try {
            upload = json.readValue(text, DocumentUpload.class);
        } catch (JacksonException e) {
            throw new UploadRejectedException(ErrorCode.MALFORMED_JSON, "Line " + number + " is not a JSON document"
                + " with title, body, source, author and tags: " + e.getOriginalMessage());
        }
        validator.validate(upload);
        return ingestion.ingest(new IncomingText(upload.body(), null, upload.source(), null, upload.title(),
            upload.author(), upload.tags(), validator.split(null), null, job.createdBy()));
    }

    private static String utf8(byte[] bytes, int number) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UploadRejectedException(ErrorCode.UNDECODABLE_TEXT, "Line " + number
                + " is not UTF-8 (an NDJSON import is UTF-8 throughout).");
        }
    }

    /** A line holds one JSON upload: as long as a JSON upload's request may be. */
    private int lineLimit() {
        return (int) Math.min(Integer.MAX_VALUE - 8, properties.maxRequestBytes());
    }

    private void finish(ImportStore.Job job, Path spooled, String state, String error) {
        store.finish(job.id(), state, error, clock.instant());
        try {
            Files.deleteIfExists(spooled);
        } catch (IOException e) {
            log.warn("Could not delete the spooled body {} of import {}: {}", spooled, job.id(), e.toString());
        }
        ImportStore.Job done = store.job(job.id()).orElse(job);
        log.info("Import {} {}: {} lines, {} created, {} updated, {} unchanged, {} rejected", job.id(),
            state.toLowerCase(java.util.Locale.ROOT), done.lines(), done.created(), done.updated(), done.unchanged(),
            done.rejected());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
