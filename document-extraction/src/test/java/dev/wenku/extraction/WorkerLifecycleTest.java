package dev.wenku.extraction;

import static dev.wenku.extraction.Fixtures.file;
import static dev.wenku.extraction.Fixtures.isRunning;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.extraction.ExtractionException.Reason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Workers that hang, crash, run out of memory, or lose their parent; each test has its own pool. */
@Timeout(120)
class WorkerLifecycleTest {

    private static final String MISBEHAVING = MisbehavingWorker.class.getName();

    @Test
    void parseOutlastingTheTimeoutKillsTheWorkerAndTheNextExtractWorks() throws Exception {
        try (DocumentExtractor extractor = new DocumentExtractor(settings(1, Duration.ofSeconds(2)), MISBEHAVING)) {
            long hungWorker = onlyWorker(extractor);
            Path hungWorkerFiles = temporaryDirectoryOf(hungWorker);

            ExtractionException e = assertThrows(ExtractionException.class, () -> extractor.extract("hang.html", file("essay-utf8.html")));

            assertAll(
                    () -> assertEquals(Reason.TIMEOUT, e.reason()),
                    () -> assertEquals("hang.html: parsing took longer than 2 s and was stopped", e.getMessage()),
                    () -> assertFalse(isRunning(hungWorker), "the hung worker is still running"),
                    () -> assertFalse(Files.exists(hungWorkerFiles), "the hung worker's temporary files are left"));
            assertEquals(Fixtures.TITLE, extractor.extract("essay.html", file("essay-utf8.html")).title());
            assertNotEquals(hungWorker, onlyWorker(extractor));
        }
    }

    @Test
    void aCallQueuedLongerThanTheParseTimeoutStillGetsItsTurn() throws Exception {
        try (DocumentExtractor extractor = new DocumentExtractor(settings(1, Duration.ofSeconds(1)), MISBEHAVING)) {
            onlyWorker(extractor);
            CompletableFuture<ExtractionException> hung = new CompletableFuture<>();
            Thread first = Thread.ofPlatform().start(() -> hung.complete(assertThrows(ExtractionException.class,
                () -> extractor.extract("hang.html", file("essay-utf8.html")))));
            awaitTrue(() -> parsing(first), "the first call holds the only worker");

            long start = System.nanoTime();
            ExtractedDocument queued = extractor.extract("essay.html", file("essay-utf8.html"));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(Fixtures.TITLE, queued.title());
            assertTrue(waited.compareTo(Duration.ofSeconds(1)) >= 0, "it waited out the hung parse: " + waited);
            assertEquals(Reason.TIMEOUT, hung.get(20, TimeUnit.SECONDS).reason());
        }
    }

    @Test
    void aCallFindingNoFreeWorkerWithinTheQueueTimeoutIsBusy() throws Exception {
        ExtractionSettings settings = settings(1, Duration.ofSeconds(5), Duration.ofMillis(300));
        try (DocumentExtractor extractor = new DocumentExtractor(settings, MISBEHAVING)) {
            onlyWorker(extractor);
            Thread first = Thread.ofPlatform().start(() -> assertThrows(ExtractionException.class,
                () -> extractor.extract("hang.html", file("essay-utf8.html"))));
            awaitTrue(() -> parsing(first), "the first call holds the only worker");

            ExtractionException e = assertThrows(ExtractionException.class,
                () -> extractor.extract("essay.html", file("essay-utf8.html")));

            assertEquals(Reason.BUSY, e.reason());
            assertEquals("essay.html: no extraction worker became free within 300 ms", e.getMessage());
            first.join(Duration.ofSeconds(20));
        }
    }

    @Test
    void hugeLegitimatePageOutlastingATinyTimeoutIsStopped() throws Exception {
        byte[] page = Fixtures.hugeHtml(1_000_000);
        ExtractionSettings settings = new ExtractionSettings(1, Duration.ofMillis(300), Duration.ofMinutes(1), "256m",
            5_000_000, 64L << 20);
        try (DocumentExtractor extractor = new DocumentExtractor(settings)) {
            long worker = onlyWorker(extractor);

            ExtractionException e = assertThrows(ExtractionException.class, () -> extractor.extract("long.html", page));

            assertEquals(Reason.TIMEOUT, e.reason(), e.getMessage());
            assertFalse(isRunning(worker), "the slow worker is still running");
            awaitTrue(() -> extractor.workerPids().size() == 1 && !extractor.workerPids().contains(worker), "a replacement worker");
        }
    }

    @Test
    void crashedWorkerIsReportedAndReplaced() throws Exception {
        try (DocumentExtractor extractor = new DocumentExtractor(settings(1, Duration.ofSeconds(20)), MISBEHAVING)) {
            ExtractionException e = assertThrows(ExtractionException.class, () -> extractor.extract("crash.pdf", file("essay.pdf")));

            assertEquals(Reason.WORKER_CRASHED, e.reason());
            assertEquals("crash.pdf: the extraction worker failed (exit status 70)", e.getMessage());
            assertEquals("application/pdf", extractor.extract("essay.pdf", file("essay.pdf")).mediaType());
        }
    }

    @Test
    void workerOutOfMemoryIsTooLargeAndTheWorkerIsReplaced() throws Exception {
        try (DocumentExtractor extractor = new DocumentExtractor(settings(1, Duration.ofSeconds(20)), MISBEHAVING)) {
            ExtractionException e = assertThrows(ExtractionException.class, () -> extractor.extract("oom.docx", file("essay.docx")));

            assertEquals(Reason.TOO_LARGE, e.reason());
            assertEquals("oom.docx: parsing needed more than the 64m of memory a worker has", e.getMessage());
            assertEquals(Fixtures.TITLE, extractor.extract("essay.docx", file("essay.docx")).title());
        }
    }

    @Test
    void callersWaitForTheBusyWorker() throws Exception {
        try (DocumentExtractor extractor = new DocumentExtractor(settings(1, Duration.ofSeconds(20)), MISBEHAVING)) {
            List<Thread> callers = Arrays.asList(new Thread[4]);
            ExtractedDocument[] results = new ExtractedDocument[callers.size()];
            for (int i = 0; i < callers.size(); i++) {
                int index = i;
                callers.set(i, Thread.ofPlatform().start(() -> {
                    try {
                        results[index] = extractor.extract("essay.docx", file("essay.docx"));
                    } catch (ExtractionException e) {
                        throw new AssertionError(e);
                    }
                }));
            }
            for (Thread caller : callers) caller.join();
            assertTrue(Arrays.stream(results).allMatch(result -> result != null && Fixtures.TITLE.equals(result.title())));
        }
    }

    @Test
    void closeStopsEveryWorker() throws Exception {
        DocumentExtractor extractor = new DocumentExtractor(settings(2, Duration.ofSeconds(20)));
        awaitTrue(() -> extractor.workerPids().size() == 2, "two workers");
        List<Long> pids = extractor.workerPids();
        assertTrue(pids.stream().allMatch(Fixtures::isRunning));
        List<Path> temporaryDirectories = pids.stream().map(WorkerLifecycleTest::temporaryDirectoryOf).toList();
        assertTrue(temporaryDirectories.stream().allMatch(Files::isDirectory), "worker temporary directories");

        extractor.close();

        assertTrue(pids.stream().noneMatch(Fixtures::isRunning), "still running: " + pids);
        assertTrue(temporaryDirectories.stream().noneMatch(Files::exists), "left behind: " + temporaryDirectories);
        assertThrows(IllegalStateException.class, () -> extractor.extract("essay.html", file("essay-utf8.html")));
    }

    @Test
    void workersExitWhenTheServiceJvmIsKilled() throws Exception {
        Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServiceJvm.class.getName())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
            List<Long> workers = null;
            boolean busy = false;
            for (String line; (workers == null || !busy) && (line = output.readLine()) != null; ) {
                if (line.startsWith("WORKERS ")) {
                    workers = Arrays.stream(line.substring(8).split(" ")).map(Long::valueOf).toList();
                }
                busy |= line.contains("hanging on hang.html");
            }
            assertTrue(workers != null && workers.size() == 2 && busy, "the service JVM did not start its workers");
            List<Long> started = workers;
            assertTrue(started.stream().allMatch(Fixtures::isRunning));
            List<Path> temporaryDirectories = started.stream().map(WorkerLifecycleTest::temporaryDirectoryOf).toList();

            service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            // one worker idle (its stdin ends), one in the middle of a parse (its watchdog sees the orphaning)
            awaitTrue(() -> started.stream().noneMatch(Fixtures::isRunning), "workers " + started + " to exit");
            assertTrue(temporaryDirectories.stream().noneMatch(Files::exists), "left behind: " + temporaryDirectories);
        } finally {
            service.destroyForcibly();
        }
    }

    private static ExtractionSettings settings(int workers, Duration timeout) {
        return settings(workers, timeout, Duration.ofMinutes(1));
    }

    private static ExtractionSettings settings(int workers, Duration timeout, Duration queueTimeout) {
        return new ExtractionSettings(workers, timeout, queueTimeout, "64m", 1_000_000, 8L << 20);
    }

    /** Whether {@code caller} is inside a worker's parse, so it holds a worker. */
    private static boolean parsing(Thread caller) {
        return Arrays.stream(caller.getStackTrace()).anyMatch(frame ->
            frame.getClassName().equals(WorkerProcess.class.getName()) && frame.getMethodName().equals("extract"));
    }

    /** The per-worker java.io.tmpdir, read from the worker's command line (Linux). */
    private static Path temporaryDirectoryOf(long pid) {
        String commandLine;
        try {
            commandLine = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.stream(commandLine.split("\0"))
                .filter(argument -> argument.startsWith("-Djava.io.tmpdir="))
                .map(argument -> Path.of(argument.substring("-Djava.io.tmpdir=".length())))
                .findFirst().orElseThrow();
    }

    private static long onlyWorker(DocumentExtractor extractor) throws InterruptedException {
        awaitTrue(() -> extractor.workerPids().size() == 1, "one worker");
        return extractor.workerPids().getFirst();
    }

    /** Waits for a condition that becomes true asynchronously; fails after 20 s. */
    static void awaitTrue(BooleanSupplier condition, String what) {
        Awaitility.await().alias(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
            .until(condition::getAsBoolean);
    }

    /** The "service" of {@link #workersExitWhenTheServiceJvmIsKilled}: two workers, one kept busy. */
    public static final class ServiceJvm {
        public static void main(String[] args) throws Exception {
            DocumentExtractor extractor = new DocumentExtractor(settings(2, Duration.ofMinutes(5)), MISBEHAVING);
            awaitTrue(() -> extractor.workerPids().size() == 2, "two workers");
            System.out.println("WORKERS " + extractor.workerPids().stream().map(String::valueOf)
                .reduce((a, b) -> a + " " + b).orElseThrow());
            System.out.flush();
            extractor.extract("hang.html", "<p>永远</p>".getBytes(StandardCharsets.UTF_8));
        }
    }
}
