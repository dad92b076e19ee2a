package dev.wenku.infrastructure.launcher;

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
 * JDK's own code) count once per process, so the sum is a little above what the machine really uses. Of each, the
 * part that is mapped files ({@code RssFile}: for Elasticsearch mostly its index's segment files, pages of the
 * kernel's file cache it can take back) is kept too.
 */
public final class PlatformMemory {

    /**
     * Resident bytes per started process (its descendants included) at one moment, and how many processes that
     * was in all.
     */
    public record Sample(Map<String, Long> bytesByProcess, Map<String, Long> mappedFileBytesByProcess, int processes) {

        public long total() {
            return bytesByProcess.values().stream().mapToLong(Long::longValue).sum();
        }

        public String describe() {
            StringBuilder text = new StringBuilder(String.format("%.2f GiB in %d processes", gib(total()), processes));
            bytesByProcess.forEach((name, bytes) -> text.append(String.format(", %s %.0f MiB (%.0f MiB mapped files)",
                name, bytes / 1048576.0, mappedFileBytesByProcess.get(name) / 1048576.0)));
            return text.toString();
        }
    }

    private PlatformMemory() {
    }

    public static Sample sample(LocalPlatform platform) {
        Map<String, Long> bytes = new TreeMap<>();
        Map<String, Long> mappedFileBytes = new TreeMap<>();
        int processes = 0;
        for (Map.Entry<String, ProcessHandle> started : platform.processes().entrySet()) {
            List<ProcessHandle> tree = Stream.concat(Stream.of(started.getValue()), started.getValue().descendants())
                .toList();
            processes += tree.size();
            bytes.put(started.getKey(), tree.stream().mapToLong(process -> statusBytes(process, "VmRSS:")).sum());
            mappedFileBytes.put(started.getKey(),
                tree.stream().mapToLong(process -> statusBytes(process, "RssFile:")).sum());
        }
        return new Sample(bytes, mappedFileBytes, processes);
    }

    public static double gib(long bytes) {
        return bytes / (1024.0 * 1024 * 1024);
    }

    /** One figure of one process's {@code /proc/<pid>/status}, such as "VmRSS:"; 0 once it has gone. */
    private static long statusBytes(ProcessHandle process, String field) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            return lines.filter(line -> line.startsWith(field)).findFirst()
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).orElse(0L);
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }
}
