package dev.wenku.benchmarks;

import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.SearchReadiness;
import dev.wenku.infrastructure.launcher.SeedLoader;
import dev.wenku.infrastructure.launcher.ServiceModule;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Search latency at a fixed arrival rate (open loop: requests are sent on schedule whether or not earlier ones
 * have answered), through the gateway and directly to search-service, on the embedded platform with the seed
 * loaded. Load goes to loopback only, bounded in count and time. Arguments: [rate per second] [seconds].
 */
public final class SearchLatencyBenchmark {

    /**
     * Warm-up: rounds of back-to-back searches, then one open-loop round. The gateway's reactive call chain is deep,
     * and on 2 shared cores its JIT-compiled code settles only after some thousands of requests: with a minute of
     * open-loop warm-up only, suite runs measured 3.3 to 13.4 ms added at p50.
     */
    private static final int WARM_UP_ROUNDS = 4;
    private static final int WARM_UP_SEARCHES_PER_ROUND = 1_000;
    private static final int WINDOW_SECONDS = 5;

    /** HTTP/1.1, as browsers speak to a plain-http server: no h2c upgrade attempts on new connections. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();

    private SearchLatencyBenchmark() {
    }

    /** Latencies of one path in milliseconds. */
    record Stats(int sent, int errors, double p50, double p95, double p99, double max) {

        static Stats of(int sent, int errors, List<Long> latencyNanos) {
            List<Long> sorted = new ArrayList<>(latencyNanos);
            sorted.sort(null);
            return new Stats(sent, errors, millis(Percentiles.of(sorted, 50)), millis(Percentiles.of(sorted, 95)),
                millis(Percentiles.of(sorted, 99)), sorted.isEmpty() ? 0 : millis(sorted.getLast()));
        }

        private static double millis(long nanos) {
            return nanos / 1e6;
        }
    }

    /** Both paths measured at {@code rate} requests/s for {@code seconds} each. */
    record Result(int rate, int seconds, Stats viaGateway, Stats direct) {

        double gatewayAddsAtP50() {
            return viaGateway.p50() - direct.p50();
        }
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        ProjectLayout layout = ProjectLayout.locate();
        Path data = Files.createTempDirectory("wenku-search-bench-");
        try (LocalPlatform platform = LocalPlatform.start(layout, data, LocalPlatform.Ports.ANY_FREE, null,
                unlimitedReads(rate))) {
            SeedLoader.loadAll(layout.seeds(), platform.gatewayUrl(), platform.accounts().editor(), System.out);
            SearchReadiness.await(platform.gatewayUrl(), "\"心得体会感悟\"", 5);
            print(measure(platform, queries(layout), rate, seconds));
        } finally {
            Directories.deleteRecursively(data);
        }
    }

    /** One client sends all the load: its read budget is lifted above the rate, or the gateway would answer 429. */
    static Map<String, String> unlimitedReads(int rate) {
        return Map.of("wenku.rate-limit.reads-per-second", String.valueOf(rate * 10),
            "wenku.rate-limit.read-burst", String.valueOf(rate * 10));
    }

    /** The phrases of {@code evaluation/relevance-queries.txt}, which readers search for. */
    static List<String> queries(ProjectLayout layout) throws IOException {
        return Files.readAllLines(layout.root().resolve("evaluation/relevance-queries.txt")).stream()
            .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /**
     * Warms both paths up (see {@link #WARM_UP_ROUNDS}), then measures each for {@code seconds} at {@code rate} on a
     * platform whose gateway lets that many reads through ({@link #unlimitedReads}).
     */
    static Result measure(LocalPlatform platform, List<String> queries, int rate, int seconds)
            throws InterruptedException {
        String gateway = platform.gatewayUrl();
        String direct = platform.url(ServiceModule.SEARCH);
        // The services start cold, a minute earlier.
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            backToBack(gateway, queries, WARM_UP_SEARCHES_PER_ROUND);
            backToBack(direct, queries, WARM_UP_SEARCHES_PER_ROUND);
        }
        run(gateway, queries, rate, WINDOW_SECONDS * 2);
        run(direct, queries, rate, WINDOW_SECONDS * 2);
        // Measured in alternating windows, so background work (compaction, GC, a late JIT) hits both alike.
        List<Long> viaGatewayNanos = new ArrayList<>();
        List<Long> directNanos = new ArrayList<>();
        int[] errors = new int[2];
        for (int elapsed = 0; elapsed < seconds; elapsed += WINDOW_SECONDS) {
            int window = Math.min(WINDOW_SECONDS, seconds - elapsed);
            errors[0] += run(gateway, queries, rate, window, viaGatewayNanos);
            errors[1] += run(direct, queries, rate, window, directNanos);
        }
        return new Result(rate, seconds, Stats.of(rate * seconds, errors[0], viaGatewayNanos),
            Stats.of(rate * seconds, errors[1], directNanos));
    }

    static void print(Result result) {
        System.out.printf("%nSearch latency at %d requests/s for %d s (milliseconds), after %d × %,d back-to-back"
            + " searches and %d s at that rate per path:%n", result.rate(), result.seconds(), WARM_UP_ROUNDS,
            WARM_UP_SEARCHES_PER_ROUND, WINDOW_SECONDS * 2);
        System.out.printf("%-10s %6s %6s %8s %8s %8s %8s%n", "target", "sent", "errors", "p50", "p95", "p99", "max");
        print("gateway", result.viaGateway());
        print("direct", result.direct());
        System.out.printf("gateway adds %.2f ms at p50 (target ≤ 2 ms); search p99 %.2f ms (target ≤ 50 ms)%n",
            result.gatewayAddsAtP50(), result.viaGateway().p99());
    }

    private static void print(String name, Stats s) {
        System.out.printf("%-10s %6d %6d %8.2f %8.2f %8.2f %8.2f%n", name, s.sent(), s.errors(), s.p50(), s.p95(),
            s.p99(), s.max());
    }

    /** Sends {@code count} searches one after another (warm-up); fails on any answer but 200. */
    private static void backToBack(String base, List<String> queries, int count) throws InterruptedException {
        for (int n = 0; n < count; n++) {
            try {
                URI uri = searchUri(base, queries.get(n % queries.size()));
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET()
                    .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("Warm-up search at " + base + " answered " + response.statusCode());
                }
            } catch (IOException e) {
                throw new IllegalStateException("Warm-up search at " + base + " failed", e);
            }
        }
    }

    private static URI searchUri(String base, String query) {
        return URI.create(base + "/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    private static void run(String base, List<String> queries, int rate, int seconds) throws InterruptedException {
        run(base, queries, rate, seconds, new ArrayList<>());
    }

    /** Sends {@code rate × seconds} searches on schedule; adds each answer's latency; returns the error count. */
    static int run(String base, List<String> queries, int rate, int seconds, List<Long> latencyNanos)
            throws InterruptedException {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        int total = rate * seconds;
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = 1_000_000_000L / rate;
        schedule.scheduleAtFixedRate(() -> {
            int n = sent.getAndIncrement();
            if (n >= total) {
                return;
            }
            URI uri = searchUri(base, queries.get(n % queries.size()));
            long start = System.nanoTime();
            HTTP.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> {
                    if (failure != null || response.statusCode() != 200) {
                        errors.incrementAndGet();
                    } else {
                        latencies.add(System.nanoTime() - start);
                    }
                });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        Thread.sleep(seconds * 1000L + 200);
        schedule.shutdownNow();
        long end = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        while (latencies.size() + errors.get() < Math.min(sent.get(), total) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        latencyNanos.addAll(latencies);
        return errors.get() + Math.max(0, Math.min(sent.get(), total) - latencies.size() - errors.get());
    }
}
