package dev.wenku.infrastructure.launcher;

import dev.wenku.infrastructure.process.ReadyLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One child JVM: its output goes to a log file (and optionally the console with a {@code [name]} prefix), its
 * standard input stays an open pipe so that it exits when this process dies, and {@link #close()} stops it with
 * SIGTERM, then SIGKILL if it has not stopped within the grace period.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Path logFile;
    private final CompletableFuture<ReadyLine> ready = new CompletableFuture<>();
    private final Deque<String> tail = new ArrayDeque<>();

    private ChildProcess(String name, Process process, Path logFile, PrintStream echo) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        Thread pump = new Thread(() -> pumpOutput(echo), name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    public static ChildProcess start(String name, List<String> command, Path logFile, PrintStream echo) {
        return start(name, command, java.util.Map.of(), logFile, echo);
    }

    /** @param environment variables added to this process's environment for the child (secrets stay out of ps) */
    public static ChildProcess start(String name, List<String> command, java.util.Map<String, String> environment,
                                     Path logFile, PrintStream echo) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            return new ChildProcess(name, process, logFile, echo);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + ": " + command, e);
        }
    }

    /** Waits for the child's {@link ReadyLine}; fails with the end of its log if it exits or times out first. */
    public ReadyLine awaitReadyLine(Duration timeout) {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s. " + describeTail());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage() + " " + describeTail());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** The last lines the child printed, for error messages. */
    public synchronized String describeTail() {
        return "Last output of " + name + " (full log: " + logFile + "):\n  " + String.join("\n  ", tail);
    }

    /** Ends the child at once with SIGKILL, as a crash would (for fault-injection tests). */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void pumpOutput(PrintStream echo) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null; ) {
                log.write(line);
                log.write('\n');
                log.flush();
                remember(line);
                ReadyLine.parse(line).ifPresent(ready::complete);
                if (echo != null) {
                    echo.println("[" + name + "] " + line);
                }
            }
        } catch (IOException e) {
            // The child went away; its exit is reported below.
        }
        ready.completeExceptionally(new IllegalStateException(name + " exited with code " + exitCode() + "."));
    }

    private synchronized void remember(String line) {
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
    }

    private String exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
