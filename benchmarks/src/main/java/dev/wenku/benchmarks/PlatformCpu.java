package dev.wenku.benchmarks;

import dev.wenku.infrastructure.launcher.LocalPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of each process of the platform (its descendants included), from {@code /proc/<pid>/stat}, so a phase
 * of load can say where the machine's time went.
 */
final class PlatformCpu {

    /** Linux reports utime and stime in clock ticks of 1/100 s on every common architecture. */
    private static final double TICKS_PER_SECOND = 100;

    private final LocalPlatform platform;
    private final Map<String, Double> startSeconds;
    private final long startNanos = System.nanoTime();

    private PlatformCpu(LocalPlatform platform) {
        this.platform = platform;
        this.startSeconds = cpuSeconds(platform);
    }

    /** Starts counting from now. */
    static PlatformCpu start(LocalPlatform platform) {
        return new PlatformCpu(platform);
    }

    /** "elasticsearch 61%, ingest-service 40%, … = 190% of 200%": each process's share of one core since the start. */
    String describeSinceStart() {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> now = cpuSeconds(platform);
        StringBuilder text = new StringBuilder();
        double total = 0;
        for (Map.Entry<String, Double> process : now.entrySet()) {
            double percent = 100 * (process.getValue() - startSeconds.getOrDefault(process.getKey(), 0.0)) / elapsed;
            total += percent;
            text.append(String.format("%s %.0f%%, ", process.getKey(), percent));
        }
        return text.append(String.format("platform %.0f%% of %d00%% (%d cores)", total,
            Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors())).toString();
    }

    private static Map<String, Double> cpuSeconds(LocalPlatform platform) {
        Map<String, Double> seconds = new TreeMap<>();
        platform.processes().forEach((name, process) -> seconds.put(name,
            Stream.concat(Stream.of(process), process.descendants()).mapToDouble(PlatformCpu::cpuSeconds).sum()));
        return seconds;
    }

    private static double cpuSeconds(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
