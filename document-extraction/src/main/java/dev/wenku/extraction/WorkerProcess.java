package dev.wenku.extraction;

import dev.wenku.extraction.ExtractionException.Reason;
import dev.wenku.extraction.FrameProtocol.Request;
import dev.wenku.extraction.FrameProtocol.Response;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One worker JVM and its pipes. Used by one thread at a time; {@link #kill()} may come from any thread. */
final class WorkerProcess {

    private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);
    private static final Logger WORKER_LOG = LoggerFactory.getLogger("dev.wenku.extraction.worker");
    static final String TEMPORARY_DIRECTORY_PREFIX = "wenku-extraction-worker-";
    /** Exit status of a JVM stopped by -XX:+ExitOnOutOfMemoryError. */
    private static final int OUT_OF_MEMORY_EXIT = 3;

    private final Process process;
    private final Path temporaryDirectory;
    private final DataOutputStream toWorker;
    private final DataInputStream fromWorker;
    private final ScheduledExecutorService timer;
    private final ExtractionSettings settings;
    private volatile boolean killed;

    private WorkerProcess(Process process, Path temporaryDirectory, ScheduledExecutorService timer, ExtractionSettings settings) {
        this.process = process;
        this.temporaryDirectory = temporaryDirectory;
        this.toWorker = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.fromWorker = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        this.timer = timer;
        this.settings = settings;
    }

    /** Starts a worker and waits until it has loaded Tika and said it is ready. */
    static WorkerProcess start(List<String> command, ExtractionSettings settings, ScheduledExecutorService timer,
                               Duration startTimeout) throws IOException, TimeoutException {
        long started = System.nanoTime();
        // Tika spools some inputs (PDF, OOXML) to temporary files; a killed worker cannot delete its own.
        Path temporaryDirectory = Files.createTempDirectory(TEMPORARY_DIRECTORY_PREFIX);
        List<String> withTemporaryDirectory = new ArrayList<>(command);
        withTemporaryDirectory.add(1, "-Djava.io.tmpdir=" + temporaryDirectory);
        Process process;
        try {
            process = new ProcessBuilder(withTemporaryDirectory).start();
        } catch (IOException e) {
            deleteRecursively(temporaryDirectory);
            throw e;
        }
        WorkerProcess worker = new WorkerProcess(process, temporaryDirectory, timer, settings);
        worker.logStandardError();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> killer = timer.schedule(() -> {
            timedOut.set(true);
            worker.kill();
        }, startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            FrameProtocol.readReady(worker.fromWorker);
        } catch (IOException e) {
            Integer status = timedOut.get() ? null : worker.exitStatus();
            worker.stop();
            if (timedOut.get()) throw new TimeoutException("worker not ready within " + startTimeout.toSeconds() + " s");
            throw new IOException("worker exited during start-up (" + describe(status) + ")", e);
        } finally {
            killer.cancel(false);
        }
        log.debug("extraction worker {} ready after {} ms", worker.pid(), (System.nanoTime() - started) / 1_000_000);
        return worker;
    }

    /** Sends one file and waits for its text; kills the worker when the parse outlasts the timeout. */
    Response extract(Request request) throws ExtractionException {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> killer = timer.schedule(() -> {
            timedOut.set(true);
            kill();
        }, settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            FrameProtocol.writeRequest(toWorker, request);
            return FrameProtocol.readResponse(fromWorker, maxResponseBytes());
        } catch (IOException e) {
            String file = request.fileName();
            if (timedOut.get()) {
                throw new ExtractionException(Reason.TIMEOUT,
                        file + ": parsing took longer than " + seconds(settings.timeout()) + " and was stopped", e);
            }
            Integer status = exitStatus();
            kill();
            if (Objects.equals(status, OUT_OF_MEMORY_EXIT)) {
                throw new ExtractionException(Reason.TOO_LARGE,
                        file + ": parsing needed more than the " + settings.maxHeap() + " of memory a worker has", e);
            }
            throw new ExtractionException(Reason.WORKER_CRASHED,
                    file + ": the extraction worker failed (" + describe(status) + ")", e);
        } finally {
            killer.cancel(false);
        }
    }

    /** False once killed, even while the process is still going away. */
    boolean isUsable() {
        return !killed && process.isAlive();
    }

    /** A UTF-8 char takes at most 3 bytes (a surrogate pair, 2 chars, takes 4); messages are short. */
    private int maxResponseBytes() {
        return (int) Math.min(Integer.MAX_VALUE - 8, 3L * settings.maxTextChars() + 64 * 1024);
    }

    long pid() {
        return process.pid();
    }

    void kill() {
        killed = true;
        process.destroyForcibly();
    }

    /** Kills the worker, waits (briefly) until it is gone, and deletes its temporary files. */
    void stop() {
        kill();
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) deleteRecursively(temporaryDirectory);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.debug("could not delete {}: {}", directory, e.toString());
        }
    }

    /** Waits a little for a dying worker's exit status; null if it is still running. */
    private Integer exitStatus() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String describe(Integer exitStatus) {
        return exitStatus == null ? "no exit status" : "exit status " + exitStatus;
    }

    private void logStandardError() {
        long pid = process.pid();
        Thread.ofPlatform().daemon().name("extraction-worker-" + pid + "-stderr").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    WORKER_LOG.warn("worker {}: {}", pid, line.length() > 2000 ? line.substring(0, 2000) + "…" : line);
                }
            } catch (IOException e) {
                // the worker is gone
            }
        });
    }

    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
