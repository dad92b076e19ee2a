package dev.wenku.extraction;

import dev.wenku.extraction.ExtractionException.Reason;
import dev.wenku.extraction.FrameProtocol.Request;
import dev.wenku.extraction.FrameProtocol.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed number of slots, each holding one worker JVM (or the future of one being started). A caller
 * takes a free slot, uses its worker, and gives the slot back; a worker that died, was killed or failed
 * is replaced at once, in the background, so the next caller need not wait for a JVM to start.
 */
final class WorkerPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    /** A cold JVM loading Tika on a busy machine can take a while; this is not counted against a parse. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static final class Slot {
        volatile CompletableFuture<WorkerProcess> worker;
    }

    private final ExtractionSettings settings;
    private final List<String> command;
    /** Most recently used first, so a lone caller keeps reusing one warm (JIT-compiled) worker. */
    private final BlockingDeque<Slot> freeSlots = new LinkedBlockingDeque<>();
    private final Set<WorkerProcess> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService starter = Executors.newCachedThreadPool(
        Thread.ofPlatform().daemon().name("extraction-worker-start-", 0).factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("extraction-timer").factory());
    private volatile boolean closed;

    WorkerPool(ExtractionSettings settings, List<String> command) {
        this.settings = settings;
        this.command = List.copyOf(command);
        for (int i = 0; i < settings.workers(); i++) {
            Slot slot = new Slot();
            slot.worker = startWorker();
            freeSlots.add(slot);
        }
    }

    Response extract(Request request) throws ExtractionException {
        Slot slot = takeFreeSlot(request.fileName());
        WorkerProcess worker = null;
        try {
            worker = workerOf(slot, request.fileName());
            return worker.extract(request);
        } finally {
            if (worker != null && worker.isUsable()) {
                freeSlots.offerFirst(slot);
            } else {
                if (worker != null) discard(worker);
                if (!closed) slot.worker = startWorker();
                freeSlots.offerLast(slot);
            }
        }
    }

    /** Process ids of the workers started and not yet stopped. */
    List<Long> workerPids() {
        return running.stream().map(WorkerProcess::pid).toList();
    }

    @Override
    public void close() {
        closed = true;
        starter.shutdown();
        try {
            starter.awaitTermination(START_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.forEach(this::discard);
        timer.shutdownNow();
    }

    private Slot takeFreeSlot(String fileName) throws ExtractionException {
        ensureOpen();
        try {
            Slot slot = freeSlots.pollFirst(settings.queueTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (slot == null) {
                throw new ExtractionException(Reason.BUSY, fileName + ": no extraction worker became free within "
                        + WorkerProcess.seconds(settings.queueTimeout()));
            }
            return slot;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtractionException(Reason.BUSY, fileName + ": interrupted while waiting for a worker", e);
        }
    }

    private WorkerProcess workerOf(Slot slot, String fileName) throws ExtractionException {
        try {
            WorkerProcess worker = slot.worker.get(START_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            ensureOpen();
            if (worker.isUsable()) return worker;
            // Died while idle: replace it now, and wait for the replacement.
            discard(worker);
            slot.worker = startWorker();
            return slot.worker.get(START_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | CompletionException e) {
            throw new ExtractionException(Reason.WORKER_CRASHED,
                    fileName + ": no extraction worker could be started (" + rootMessage(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtractionException(Reason.WORKER_CRASHED, fileName + ": interrupted while a worker started", e);
        }
    }

    private CompletableFuture<WorkerProcess> startWorker() {
        try {
            return CompletableFuture.supplyAsync(this::startWorkerNow, starter);
        } catch (RejectedExecutionException closing) {
            return CompletableFuture.failedFuture(new IllegalStateException("the document extractor is closed"));
        }
    }

    private WorkerProcess startWorkerNow() {
        try {
            WorkerProcess worker = WorkerProcess.start(command, settings, timer, START_TIMEOUT);
            running.add(worker);
            if (closed) {
                discard(worker);
                throw new IllegalStateException("the document extractor is closed");
            }
            return worker;
        } catch (IOException | TimeoutException e) {
            log.warn("could not start an extraction worker: {}", e.toString());
            throw new CompletionException(e);
        }
    }

    private void discard(WorkerProcess worker) {
        worker.stop();
        running.remove(worker);
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("the document extractor is closed");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
