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
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    private SearchLatencyBenchmark() {
    }

    /** Both paths measured at {@code rate} requests/s for {@code seconds} each. */
    record Result(int rate, int seconds, LatencyStats viaGateway, LatencyStats direct, String gatewayCpu,
                  String directCpu) {

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
        List<HttpRequest> gateway = searches(platform.gatewayUrl(), queries, null);
        List<HttpRequest> direct = searches(platform.url(ServiceModule.SEARCH), queries, DirectCalls.operator(platform));
        // The services start cold, a minute earlier.
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            OpenLoop.backToBack(gateway, WARM_UP_SEARCHES_PER_ROUND);
            OpenLoop.backToBack(direct, WARM_UP_SEARCHES_PER_ROUND);
        }
        OpenLoop.run(gateway, rate, WINDOW_SECONDS * 2);
        OpenLoop.run(direct, rate, WINDOW_SECONDS * 2);
        // Measured in alternating windows, so background work (compaction, GC, a late JIT) hits both alike.
        List<Long> viaGatewayNanos = new ArrayList<>();
        List<Long> directNanos = new ArrayList<>();
        Map<String, Double> viaGatewayCpu = new TreeMap<>();
        Map<String, Double> directCpu = new TreeMap<>();
        int[] errors = new int[2];
        for (int elapsed = 0; elapsed < seconds; elapsed += WINDOW_SECONDS) {
            int window = Math.min(WINDOW_SECONDS, seconds - elapsed);
            PlatformCpu cpu = PlatformCpu.start(platform);
            OpenLoop.Run viaGateway = OpenLoop.run(gateway, rate, window);
            cpu.secondsSinceStart().forEach((process, used) -> viaGatewayCpu.merge(process, used, Double::sum));
            cpu = PlatformCpu.start(platform);
            OpenLoop.Run toService = OpenLoop.run(direct, rate, window);
            cpu.secondsSinceStart().forEach((process, used) -> directCpu.merge(process, used, Double::sum));
            viaGatewayNanos.addAll(viaGateway.nanos());
            directNanos.addAll(toService.nanos());
            errors[0] += viaGateway.errors();
            errors[1] += toService.errors();
        }
        return new Result(rate, seconds, LatencyStats.of(rate * seconds, errors[0], viaGatewayNanos),
            LatencyStats.of(rate * seconds, errors[1], directNanos),
            PlatformCpu.describePerRequest(viaGatewayCpu, rate * seconds),
            PlatformCpu.describePerRequest(directCpu, rate * seconds));
    }

    static void print(Result result) {
        System.out.printf("%nSearch latency at %d requests/s for %d s (milliseconds), after %d × %,d back-to-back"
            + " searches and %d s at that rate per path:%n", result.rate(), result.seconds(), WARM_UP_ROUNDS,
            WARM_UP_SEARCHES_PER_ROUND, WINDOW_SECONDS * 2);
        LatencyStats.printHeader("target", 10);
        result.viaGateway().print("gateway", 10);
        result.direct().print("direct", 10);
        System.out.printf("gateway adds %.2f ms at p50 (target ≤ 2 ms); search p99 %.2f ms (target ≤ 50 ms)%n",
            result.gatewayAddsAtP50(), result.viaGateway().p99());
        System.out.printf("the platform's CPU per search (each process's CPU during the windows over the searches"
            + " sent):%n  gateway  %s%n  direct   %s%n", result.gatewayCpu(), result.directCpu());
    }

    /**
     * One search request per query: anonymous, or carrying {@code authorization} (a caller token, straight to
     * search-service).
     */
    private static List<HttpRequest> searches(String base, List<String> queries, String authorization) {
        return queries.stream().map(query -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/search?q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8))).timeout(OpenLoop.TIMEOUT).GET();
            return (authorization == null ? request : request.header("Authorization", authorization)).build();
        }).toList();
    }
}
