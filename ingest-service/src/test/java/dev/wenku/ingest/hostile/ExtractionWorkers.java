package dev.wenku.ingest.hostile;

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

    /** Waits a little for killed workers to be gone, then checks there are no more than {@code expected}. */
    static void assertNoMoreThan(int expected, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (running().size() > expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<ProcessHandle> workers = running();
        assertTrue(workers.size() <= expected, "worker JVMs left over: " + workers.size() + " running, " + expected
            + " before the run");
        for (ProcessHandle worker : workers) {
            String command = worker.info().commandLine().orElse("");
            assertTrue(command.contains("-Xmx"), "worker " + worker.pid() + " runs without a heap bound: " + command);
        }
    }
}
