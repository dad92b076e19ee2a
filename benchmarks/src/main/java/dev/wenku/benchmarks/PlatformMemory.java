package dev.wenku.benchmarks;

import dev.wenku.infrastructure.launcher.LocalPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Resident memory of the embedded platform: VmRSS of every process it started and of their descendants (the
 * extraction workers of ingest-service), read from {@code /proc/<pid>/status}. Pages shared between processes (the
 * JDK's own code) count once per process, so the sum is a little above what the machine really uses.
 */
final class PlatformMemory {

    /**
     * Resident bytes per started process (its descendants included) at one moment, and how many processes that
     * was in all.
     */
    record Sample(Map<String, Long> bytesByProcess, int processes) {

        long total() {
            return bytesByProcess.values().stream().mapToLong(Long::longValue).sum();
        }

        String describe() {
            StringBuilder text = new StringBuilder(String.format("%.2f GiB in %d processes", gib(total()), processes));
            bytesByProcess.forEach((name, bytes) -> text.append(String.format(", %s %.0f MiB", name, bytes / 1048576.0)));
            return text.toString();
        }
    }

    private PlatformMemory() {
    }

    static Sample sample(LocalPlatform platform) {
        Map<String, Long> bytes = new TreeMap<>();
        int processes = 0;
        for (Map.Entry<String, ProcessHandle> started : platform.processes().entrySet()) {
            List<ProcessHandle> tree = Stream.concat(Stream.of(started.getValue()), started.getValue().descendants())
                .toList();
            processes += tree.size();
            bytes.put(started.getKey(), tree.stream().mapToLong(PlatformMemory::residentBytes).sum());
        }
        return new Sample(bytes, processes);
    }

    static double gib(long bytes) {
        return bytes / (1024.0 * 1024 * 1024);
    }

    /** VmRSS of one process; 0 once it has gone. */
    private static long residentBytes(ProcessHandle process) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:")).findFirst()
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).orElse(0L);
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }
}
