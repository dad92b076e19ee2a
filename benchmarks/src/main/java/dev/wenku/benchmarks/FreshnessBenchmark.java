package dev.wenku.benchmarks;

import dev.wenku.benchmarks.SeedEssays.SimplifiedEssay;
import dev.wenku.infrastructure.launcher.GatewaySession;
import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.SearchReadiness;
import dev.wenku.infrastructure.launcher.SeedLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end freshness: essays uploaded through the gateway at fixed arrival rates (open loop: each upload leaves
 * on schedule whether or not earlier ones have answered), timed from the moment the upload request is sent until
 * the document is found by a search through the gateway ({@link VisibilityPoller}). Each document is a seed essay
 * with a title and a closing line of its own, so its content, and therefore its id, is new. Load goes to loopback
 * only, bounded in count and time. Arguments: [seconds per rate] [rates per second...].
 */
public final class FreshnessBenchmark {

    static final List<Integer> RATES = List.of(5, 10, 20);
    static final int SECONDS = 30;
    private static final int WARM_UP_RATE = 10;
    private static final int WARM_UP_SECONDS = 10;
    /** A document not searchable this long after the last upload of its rate counts as never seen. */
    static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private FreshnessBenchmark() {
    }

    /** One arrival rate: counts, documents searchable per second, and freshness percentiles in seconds. */
    record RateResult(int rate, int seconds, int sent, int accepted, int errors, int unseen, double searchablePerSecond,
                      double p50, double p95, double p99, double max, Observation observation) {
    }

    /** How the rate was observed: the poller's searches, and the platform's CPU use meanwhile. */
    record Observation(double seconds, int searches, int failedSearches, String cpu) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : SECONDS;
        List<Integer> rates = args.length > 1
            ? Arrays.stream(args, 1, args.length).map(Integer::valueOf).toList() : RATES;
        ProjectLayout layout = ProjectLayout.locate();
        List<SimplifiedEssay> essays = SeedEssays.load(layout.seeds().resolve("000_46f25000791b86e7.txt"));
        Path data = Files.createTempDirectory("wenku-freshness-bench-");
        try (LocalPlatform platform = LocalPlatform.start(layout, data, LocalPlatform.Ports.ANY_FREE, null,
                liftedBudgets())) {
            SeedLoader.loadAll(layout.seeds(), platform.gatewayUrl(), platform.accounts().editor(), System.out);
            SearchReadiness.await(platform.gatewayUrl(), "\"心得体会感悟\"", essays.size());
            print(measure(platform, essays, rates, seconds));
        } finally {
            Directories.deleteRecursively(data);
        }
    }

    /**
     * The benchmarks' client is one address sending everything: budgets lifted well above the loads (reads: 100
     * searches/s plus the poller; writes: 20 uploads/s), so the gateway never answers 429 while still running its
     * rate-limit filter.
     */
    static Map<String, String> liftedBudgets() {
        return Map.of("wenku.rate-limit.reads-per-second", "1000", "wenku.rate-limit.read-burst", "1000",
            "wenku.rate-limit.writes-per-second", "200", "wenku.rate-limit.write-burst", "200");
    }

    /** A warm-up of {@value #WARM_UP_SECONDS} s at {@value #WARM_UP_RATE}/s, then each rate for {@code seconds}. */
    static List<RateResult> measure(LocalPlatform platform, List<SimplifiedEssay> essays, List<Integer> rates,
                                    int seconds) throws Exception {
        String authorization = GatewaySession.logIn(platform.gatewayUrl(), platform.accounts().editor());
        RateResult warmUp = run(platform, authorization, essays, WARM_UP_RATE, WARM_UP_SECONDS);
        System.out.printf("Freshness warm-up at %d uploads/s: %d accepted, p50 %.2f s (not reported)%n",
            warmUp.rate(), warmUp.accepted(), warmUp.p50());
        List<RateResult> results = new ArrayList<>();
        for (int rate : rates) {
            RateResult result = run(platform, authorization, essays, rate, seconds);
            Observation seen = result.observation();
            System.out.printf("Freshness at %d uploads/s: %d accepted, p50 %.2f s, p99 %.2f s; %d searches by the"
                    + " poller in %.0f s (%d failed); CPU: %s%n", rate, result.accepted(), result.p50(), result.p99(),
                seen.searches(), seen.seconds(), seen.failedSearches(), seen.cpu());
            results.add(result);
        }
        return results;
    }

    static void print(List<RateResult> results) {
        System.out.printf("%nEnd-to-end (upload through the gateway → searchable through the gateway), seconds:%n");
        System.out.printf("%8s %6s %8s %6s %6s %12s %6s %6s %6s %6s%n", "rate/s", "sent", "accepted", "errors",
            "unseen", "searchable/s", "p50", "p95", "p99", "max");
        for (RateResult r : results) {
            System.out.printf("%8d %6d %8d %6d %6d %12.1f %6.2f %6.2f %6.2f %6.2f%n", r.rate(), r.sent(), r.accepted(),
                r.errors(), r.unseen(), r.searchablePerSecond(), r.p50(), r.p95(), r.p99(), r.max());
        }
        System.out.println("Targets at 20 uploads/s: p50 ≤ 1.2 s, p99 ≤ 2.5 s.");
    }

    private static RateResult run(LocalPlatform platform, String authorization, List<SimplifiedEssay> essays, int rate,
                                  int seconds) throws InterruptedException {
        String gateway = platform.gatewayUrl();
        String marker = marker();
        PlatformCpu cpu = PlatformCpu.start(platform);
        int count = rate * seconds;
        AtomicLongArray sentAt = new AtomicLongArray(count);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        try (VisibilityPoller poller = new VisibilityPoller(gateway, marker, count)) {
            ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
            schedule.scheduleAtFixedRate(() -> {
                int n = next.getAndIncrement();
                if (n < count) {
                    sentAt.set(n, System.nanoTime());
                    answers.add(upload(gateway, authorization, document(essays.get(n % essays.size()), marker, n)));
                }
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            Thread.sleep(seconds * 1000L);
            while (next.get() < count) {
                Thread.sleep(10);
            }
            schedule.shutdown();
            schedule.awaitTermination(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + VISIBILITY_TIMEOUT.toNanos();
            List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();
            while (System.nanoTime() < deadline && !allSeen(poller, statuses)) {
                Thread.sleep(50);
            }
            Observation observation = new Observation((System.nanoTime() - sentAt.get(0)) / 1e9, poller.searches(),
                poller.failedSearches(), cpu.describeSinceStart());
            return result(rate, seconds, sentAt, statuses, poller, observation);
        }
    }

    static boolean allSeen(VisibilityPoller poller, List<Integer> statuses) {
        for (int n = 0; n < statuses.size(); n++) {
            if (statuses.get(n) == 202 && poller.seenAtNanos(n) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The figures of uploads {@code 0 … statuses.size() − 1} sent at {@code sentAt} (also those of the bulk import's
     * interactive uploads, {@link InteractiveUploads}).
     */
    static RateResult result(int rate, int seconds, AtomicLongArray sentAt, List<Integer> statuses,
                             VisibilityPoller poller, Observation observation) {
        List<Long> freshness = new ArrayList<>();
        int accepted = 0;
        int unseen = 0;
        long lastSeen = 0;
        for (int n = 0; n < statuses.size(); n++) {
            if (statuses.get(n) != 202) {
                continue;
            }
            accepted++;
            long seenAt = poller.seenAtNanos(n);
            if (seenAt == 0) {
                unseen++;
            } else {
                // The poller may have sent the search that found it a moment before the upload: clamp to zero.
                freshness.add(Math.max(0, seenAt - sentAt.get(n)));
                lastSeen = Math.max(lastSeen, seenAt);
            }
        }
        freshness.sort(null);
        double span = (lastSeen - sentAt.get(0)) / 1e9;
        return new RateResult(rate, seconds, statuses.size(), accepted, statuses.size() - accepted, unseen,
            span > 0 ? freshness.size() / span : 0, seconds(Percentiles.of(freshness, 50)),
            seconds(Percentiles.of(freshness, 95)), seconds(Percentiles.of(freshness, 99)),
            freshness.isEmpty() ? 0 : seconds(freshness.getLast()), observation);
    }

    /**
     * "met", or "**missed**" and what: p50 or p99 above its target ({@code p50Target} may be infinite: none), or
     * documents refused or never searchable.
     */
    static String verdict(RateResult r, double p50Target, double p99Target) {
        List<String> missed = new ArrayList<>();
        if (r.p50() > p50Target) {
            missed.add("p50");
        }
        if (r.p99() > p99Target) {
            missed.add("p99");
        }
        if (r.unseen() > 0 || r.errors() > 0) {
            missed.add("documents lost or refused");
        }
        return missed.isEmpty() ? "met" : "**missed** (" + String.join(", ", missed) + ")";
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Letters only, so the search tokenizer keeps it as one word that only this rate's documents contain. */
    static String marker() {
        StringBuilder marker = new StringBuilder("fresh");
        for (int i = 0; i < 8; i++) {
            marker.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return marker.toString();
    }

    private static String document(SimplifiedEssay essay, String marker, int n) {
        return JSON.writeValueAsString(Map.of(
            "title", essay.title() + " " + marker + " " + n,
            "body", essay.body() + "\n\n编号 " + marker + "n" + n,
            "source", "benchmark"));
    }

    /** The HTTP status of the upload, or 0 if it failed without one. */
    static CompletableFuture<Integer> upload(String gateway, String authorization, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/documents?split=false"))
            .timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode)
            .exceptionally(failure -> 0);
    }
}
