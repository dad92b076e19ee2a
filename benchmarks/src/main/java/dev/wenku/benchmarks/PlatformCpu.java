package dev.wenku.benchmarks;

import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.search.semantic.EmbeddingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of each process of the platform (its descendants included), from {@code /proc/<pid>/stat}, so a phase
 * of load can say where the machine's time went; and the part of it the JVMs' JIT compilers took, from their
 * threads' {@code /proc/<pid>/task/<tid>/stat}, so a benchmark can show whether its warm-up was long enough, and
 * the part the embedding stage's threads took.
 */
final class PlatformCpu {

    /** Linux reports utime and stime in clock ticks of 1/100 s on every common architecture. */
    private static final double TICKS_PER_SECOND = 100;
    /**
     * HotSpot's "C1 CompilerThread0", "C2 CompilerThread1", … as Linux keeps them (15 characters). HotSpot may end
     * extra compiler threads when idle, whose time is then no longer counted; it keeps one of each kind, all there is
     * on two cores.
     */
    private static final Pattern COMPILER_THREAD = Pattern.compile("C[12] CompilerThre.*");
    /**
     * The consumer threads of search-service's embedding listener ("embedding-0-C-1"). The model runs on them: ONNX
     * Runtime computes on the calling thread with one intra-op thread, the stage's default
     * ({@code wenku.search.semantic.threads}); with more, its own threads would not be counted here.
     */
    private static final Pattern EMBEDDING_THREAD = Pattern.compile(Pattern.quote(EmbeddingListener.LISTENER_ID)
        + "-\\d+-C-\\d+");

    private final LocalPlatform platform;
    private final Map<String, Double> startSeconds;
    private final Map<String, Double> startCompilerSeconds;
    private final Map<String, Double> startEmbeddingSeconds;
    private final long startNanos = System.nanoTime();
    private final MachineTicks startMachine = MachineTicks.now();
    private final double startOwnSeconds = ownSeconds();

    private PlatformCpu(LocalPlatform platform) {
        this.platform = platform;
        this.startSeconds = cpuSeconds(platform, PlatformCpu::processSeconds);
        this.startCompilerSeconds = cpuSeconds(platform, PlatformCpu::compilerSeconds);
        this.startEmbeddingSeconds = cpuSeconds(platform, PlatformCpu::embeddingSeconds);
    }

    /** Starts counting from now. */
    static PlatformCpu start(LocalPlatform platform) {
        return new PlatformCpu(platform);
    }

    /** "elasticsearch 61%, ingest-service 40%, … = 190% of 200%": each process's share of one core since the start. */
    String describeSinceStart() {
        StringBuilder text = new StringBuilder();
        double total = 0;
        Map<String, Double> shares = sharesSinceStart(PlatformCpu::processSeconds, startSeconds);
        for (Map.Entry<String, Double> process : shares.entrySet()) {
            total += process.getValue();
            text.append(String.format("%s %.0f%%, ", process.getKey(), process.getValue()));
        }
        return text.append(String.format("platform %.0f%% of %d00%% (%d cores)", total,
            Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors())).toString();
    }

    /** Each process's CPU seconds since the start, by process name. */
    Map<String, Double> secondsSinceStart() {
        return secondsSinceStart(PlatformCpu::processSeconds, startSeconds);
    }

    /**
     * The platform's CPU since the start as a share of the whole machine (1.0: every core busy all the time), for a
     * target on how fully a long load such as the bulk import uses the machine.
     */
    double machineShareSinceStart() {
        return machineShareSinceStart(PlatformCpu::processSeconds, startSeconds);
    }

    /**
     * The embedding stage's CPU since the start as a share of the whole machine (0 where it does not run), to set
     * beside {@link #machineShareSinceStart}: what search by meaning takes from a bulk import running at the same time.
     */
    double embeddingShareSinceStart() {
        return machineShareSinceStart(PlatformCpu::embeddingSeconds, startEmbeddingSeconds);
    }

    private double machineShareSinceStart(ToDoubleFunction<ProcessHandle> seconds, Map<String, Double> start) {
        return machineShare(totalSecondsSinceStart(seconds, start));
    }

    /** {@code cpuSeconds} used since the start as a share of the whole machine over that time. */
    private double machineShare(double cpuSeconds) {
        return cpuSeconds / ((System.nanoTime() - startNanos) / 1e9) / Runtime.getRuntime().availableProcessors();
    }

    /**
     * This JVM's own CPU since the start as a share of the whole machine (its threads only, not the platform's
     * processes it started): the load's client, the pollers and whatever else the benchmark does meanwhile, which
     * {@link #machineShareSinceStart} leaves out and {@link #machineIdleSinceStart} does not count as idle.
     */
    double ownShareSinceStart() {
        return machineShare(ownSeconds() - startOwnSeconds);
    }

    /** This JVM's user and system time ({@code /proc/self/stat} counts its own threads, not its children's). */
    static double ownSeconds() {
        return processSeconds(ProcessHandle.current());
    }

    /**
     * The machine's idle share since the start, waiting for I/O included (0.0: every core busy all the time), from
     * {@code /proc/stat}. Set beside {@link #machineShareSinceStart}, it tells a pipeline that waits (idle cores) from
     * one whose cores went to something outside the platform: the load's own client, the kernel's threads.
     */
    double machineIdleSinceStart() {
        return MachineTicks.now().idleShareSince(startMachine);
    }

    /**
     * "27.9 ms: elasticsearch 16.3, search-service 7.5, gateway 2.6, …": the CPU of each process since the start
     * divided among {@code requests} ({@link #describePerUnit}, one decimal). Unlike a latency percentile, it hardly
     * moves with what else the machine runs, so two runs of a change can be compared by it.
     */
    String describePerRequest(int requests) {
        return describePerRequest(secondsSinceStart(), requests);
    }

    /** {@link #describePerRequest(int)} of CPU seconds by process added up elsewhere (over several windows). */
    static String describePerRequest(Map<String, Double> seconds, int requests) {
        return describePerUnit(seconds, requests, 1);
    }

    /**
     * "3.21 ms: elasticsearch 0.97, analysis-service 0.71, …": CPU {@code seconds} by process divided among
     * {@code units} (requests, documents), in milliseconds with {@code decimals} decimals: the total, then each
     * process's part, the largest first; a process whose part would print as zero is counted in the total only.
     */
    static String describePerUnit(Map<String, Double> seconds, long units, int decimals) {
        String figure = "%." + decimals + "f";
        double shown = 0.5 * Math.pow(10, -decimals);
        double total = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        String parts = seconds.entrySet().stream()
            .filter(process -> 1000 * process.getValue() / units >= shown)
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .map(process -> String.format(Locale.ROOT, "%s " + figure, process.getKey(),
                1000 * process.getValue() / units))
            .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, figure + " ms: %s", 1000 * total / units, parts);
    }

    /** The CPU seconds the platform's JIT compilers took since the start, every process's together. */
    double compilerSecondsSinceStart() {
        return totalSecondsSinceStart(PlatformCpu::compilerSeconds, startCompilerSeconds);
    }

    /** "31 % of one core (elasticsearch 11 %, search-service 18 %)": the JIT compilers' CPU since the start. */
    String describeCompilersSinceStart() {
        Map<String, Double> shares = sharesSinceStart(PlatformCpu::compilerSeconds, startCompilerSeconds);
        double sum = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        String total = String.format("%.0f %% of one core", sum);
        String processes = shares.entrySet().stream().filter(process -> process.getValue() >= 1)
            .map(process -> String.format("%s %.0f %%", process.getKey(), process.getValue()))
            .collect(Collectors.joining(", "));
        return processes.isEmpty() ? total : total + " (" + processes + ")";
    }

    private Map<String, Double> sharesSinceStart(ToDoubleFunction<ProcessHandle> seconds, Map<String, Double> start) {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> shares = secondsSinceStart(seconds, start);
        shares.replaceAll((name, used) -> 100 * used / elapsed);
        return shares;
    }

    /** The CPU seconds {@code seconds} reads since the start, every process's together. */
    private double totalSecondsSinceStart(ToDoubleFunction<ProcessHandle> seconds, Map<String, Double> start) {
        return secondsSinceStart(seconds, start).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private Map<String, Double> secondsSinceStart(ToDoubleFunction<ProcessHandle> seconds, Map<String, Double> start) {
        Map<String, Double> used = new TreeMap<>();
        cpuSeconds(platform, seconds).forEach((name, now) -> used.put(name, now - start.getOrDefault(name, 0.0)));
        return used;
    }

    private static Map<String, Double> cpuSeconds(LocalPlatform platform, ToDoubleFunction<ProcessHandle> seconds) {
        Map<String, Double> total = new TreeMap<>();
        platform.processes().forEach((name, process) -> total.put(name,
            Stream.concat(Stream.of(process), process.descendants()).mapToDouble(seconds).sum()));
        return total;
    }

    private static double processSeconds(ProcessHandle process) {
        return statSeconds(Path.of("/proc", String.valueOf(process.pid()), "stat"), name -> true);
    }

    private static double compilerSeconds(ProcessHandle process) {
        return threadSeconds(process, COMPILER_THREAD);
    }

    private static double embeddingSeconds(ProcessHandle process) {
        return threadSeconds(process, EMBEDDING_THREAD);
    }

    /** CPU time of the threads of {@code process} whose names match {@code named}. */
    private static double threadSeconds(ProcessHandle process, Pattern named) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            return threads.mapToDouble(thread -> statSeconds(thread.resolve("stat"),
                name -> named.matcher(name).matches())).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The machine's clock ticks from the first line of {@code /proc/stat}: all of them, and those idle or in I/O wait. */
    private record MachineTicks(long total, long idle) {

        static MachineTicks now() {
            try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
                String[] fields = lines.findFirst().orElseThrow().trim().split("\\s+");
                long total = 0;
                // cpu user nice system idle iowait irq softirq steal (guest time is already in user).
                for (int i = 1; i <= 8 && i < fields.length; i++) {
                    total += Long.parseLong(fields[i]);
                }
                return new MachineTicks(total, Long.parseLong(fields[4]) + Long.parseLong(fields[5]));
            } catch (IOException | RuntimeException e) {
                return new MachineTicks(0, 0);
            }
        }

        /** The idle share of the ticks since {@code start}; 0 where {@code /proc/stat} could not be read. */
        double idleShareSince(MachineTicks start) {
            long elapsed = total - start.total;
            return elapsed <= 0 || start.total == 0 ? 0 : (double) (idle - start.idle) / elapsed;
        }
    }

    /** User and system time of a process or thread whose name passes {@code counted}; 0 when it has ended. */
    private static double statSeconds(Path stat, Predicate<String> counted) {
        try {
            String text = Files.readString(stat);
            // The name is in parentheses and may contain spaces; the fields follow it.
            if (!counted.test(text.substring(text.indexOf('(') + 1, text.lastIndexOf(')')))) {
                return 0;
            }
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
