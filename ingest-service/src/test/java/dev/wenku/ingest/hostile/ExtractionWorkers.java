package dev.wenku.ingest.hostile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

/** The Tika worker JVMs this JVM started: each with a bounded heap, and none left over from killed ones. */
final class ExtractionWorkers {

    private static final String MAIN_CLASS = "dev.wenku.extraction.ExtractionWorker";

    private ExtractionWorkers() {
    }

    static List<ProcessHandle> running() {
        return ProcessHandle.current().children()
            .filter(ProcessHandle::isAlive)
            .filter(child -> child.info().commandLine().orElse("").contains(MAIN_CLASS))
            .toList();
    }

    /** Waits up to {@code wait} for killed workers to be gone, then checks there are no more than {@code expected}. */
    static void assertNoMoreThan(int expected, Duration wait) {
        List<ProcessHandle> workers = await().alias("no more than " + expected + " worker JVMs, as before the run")
            .atMost(wait).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
            .until(ExtractionWorkers::running, running -> running.size() <= expected);
        for (ProcessHandle worker : workers) {
            String command = worker.info().commandLine().orElse("");
            assertTrue(command.contains("-Xmx"), "worker " + worker.pid() + " runs without a heap bound: " + command);
        }
    }
}
