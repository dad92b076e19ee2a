package dev.wenku.benchmarks;

import dev.wenku.benchmarks.PoetryCorpus.Poem;
import dev.wenku.infrastructure.launcher.ClusterInfrastructure;
import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.ImportCommand;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.PlatformMemory;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.ServiceModule;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Faults on the cluster run ({@link LocalPlatform.Topology#CLUSTER}: three Kafka brokers, three Elasticsearch nodes,
 * two instances of every service) during a bulk import of real poems ({@code ./wenku bench cluster [--limit=N]},
 * 30,000 poems by default): one Kafka broker, one Elasticsearch node, then one instance of each service is killed with
 * SIGKILL, as a crash would, and started again after {@link #DOWN}; last, a broker and a node together. The next fault
 * waits until the operator page shows the cluster whole again (Elasticsearch green, every partition fully replicated,
 * everything up). Meanwhile a reader searches {@link #SEARCH_RATE} times a second through the second gateway, and an
 * operator reads the overview while each fault lasts. Printed: each fault's searches, errors and p99 while it lasted and until the platform
 * recovered; what the operator page showed; and whether every document the import stored became searchable exactly
 * once, without anyone doing anything by hand.
 */
public final class ClusterFaultBenchmark {

    private static final int DEFAULT_POEMS = 30_000;
    static final int SEARCH_RATE = 10;
    /** How long each fault lasts before the killed process is started again. */
    static final Duration DOWN = Duration.ofSeconds(20);
    /**
     * The pause, counted in the fault's window, once the operator page shows the cluster whole again after a restart
     * (nothing down, no partition under-replicated, Elasticsearch green): the next fault never meets the last one's
     * recovery, as two overlapping faults could lose the only in-sync copy of a shard or partition.
     */
    private static final Duration SETTLE = Duration.ofSeconds(10);
    /** The longest wait for the page to show the cluster whole after a restart. */
    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(5);
    private static final Duration SEARCH_TIMEOUT = Duration.ofSeconds(5);
    private static final long IMPORT_STALL_NANOS = Duration.ofMinutes(5).toNanos();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ClusterFaultBenchmark() {
    }

    /** A fault: what is killed and how it comes back. */
    record Fault(String name, Runnable kill, Runnable restart) {
    }

    /** One search: when it left, how long it took (nanos), whether it answered 200. */
    record Search(long sentAt, long nanos, boolean ok) {
    }

    /** One fault's outcome: its window, the searches in it, and what the operator page said meanwhile. */
    record Window(String fault, long from, long to, LatencyStats searches, String operatorView) {
    }

    public static void main(String[] args) throws Exception {
        int limit = args.length == 0 ? DEFAULT_POEMS
            : PoetryCorpus.limitArgument(args, "./wenku bench cluster [--limit=N]   (default " + DEFAULT_POEMS + ")");
        ProjectLayout layout = ProjectLayout.locate();
        System.out.printf("Loading %s …%n", PoetryCorpus.PACKAGE);
        List<Poem> poems = PoetryCorpus.first(limit);
        Path ndjson = PoemImport.writeNdjson(poems);
        Path data = Files.createTempDirectory("wenku-cluster-bench-");
        try (LocalPlatform platform = LocalPlatform.start(layout, data, LocalPlatform.Ports.ANY_FREE, null,
                FreshnessBenchmark.liftedBudgets(), LocalPlatform.Topology.CLUSTER)) {
            System.out.printf("Cluster started: %s%n", PlatformMemory.sample(platform).describe());
            run(platform, poems, ndjson);
        } finally {
            Directories.deleteRecursively(data);
            Files.deleteIfExists(ndjson);
        }
    }

    private static void run(LocalPlatform platform, List<Poem> poems, Path ndjson) throws Exception {
        List<LocalPlatform.Instance> gateways = platform.instances(ServiceModule.GATEWAY);
        String importGateway = platform.url(gateways.get(0));
        String readerGateway = platform.url(gateways.get(1));
        String editor = platform.accounts().editor().basicAuthorization();
        String operator = platform.accounts().operator().basicAuthorization();
        String id = startImport(importGateway, editor, ndjson);
        System.out.printf("Import %s of %,d poems started%n", id, poems.size());
        try (SearchLoad reader = new SearchLoad(readerGateway, queries(poems))) {
            List<Window> windows = new ArrayList<>();
            for (Fault fault : faults(platform)) {
                windows.add(inject(fault, reader, readerGateway, operator));
            }
            JsonNode done = awaitImport(readerGateway, editor, id);
            long searchable = count(platform.infrastructure().elasticsearchUrl());
            print(windows, reader.all(), done, searchable, platform);
        }
    }

    /**
     * One fault after another: a broker, a node, an instance of each service, then a broker and a node together.
     * The first gateway is killed too; the reader and the import's follower use the second.
     */
    private static List<Fault> faults(LocalPlatform platform) {
        ClusterInfrastructure cluster = platform.cluster();
        List<Fault> faults = new ArrayList<>();
        faults.add(new Fault("Kafka broker 2", () -> cluster.killKafkaNode(1), () -> cluster.restartKafkaNode(1)));
        faults.add(new Fault("Elasticsearch node 2", () -> cluster.killElasticsearchNode(1),
            () -> cluster.restartElasticsearchNode(1)));
        for (ServiceModule service : List.of(ServiceModule.INGEST, ServiceModule.ANALYSIS, ServiceModule.SEARCH,
                ServiceModule.OPERATIONS, ServiceModule.GATEWAY)) {
            LocalPlatform.Instance first = platform.instances(service).getFirst();
            faults.add(new Fault(first.name(), () -> platform.kill(first), () -> platform.restart(first)));
        }
        faults.add(new Fault("Kafka broker 3 + Elasticsearch node 3", () -> {
            cluster.killKafkaNode(2);
            cluster.killElasticsearchNode(2);
        }, () -> CompletableFuture.allOf(CompletableFuture.runAsync(() -> cluster.restartKafkaNode(2)),
            CompletableFuture.runAsync(() -> cluster.restartElasticsearchNode(2))).join()));
        return faults;
    }

    private static Window inject(Fault fault, SearchLoad reader, String gateway, String operator) throws Exception {
        System.out.printf("Fault: %s killed … ", fault.name());
        long from = System.nanoTime();
        fault.kill().run();
        Thread.sleep(DOWN.toMillis() / 2);
        String view = operatorView(gateway, operator);
        Thread.sleep(DOWN.toMillis() / 2);
        fault.restart().run();
        System.out.printf("back after %.0f s, ", (System.nanoTime() - from) / 1e9);
        String recovery = awaitWhole(gateway, operator);
        System.out.printf("%s after %.0f s%n", recovery, (System.nanoTime() - from) / 1e9);
        Thread.sleep(SETTLE.toMillis());
        long to = System.nanoTime();
        return new Window(fault.name(), from, to, stats(reader.between(from, to)), view);
    }

    /**
     * What the operator page shows about the cluster: brokers down, partitions short of replicas, Elasticsearch's
     * health and nodes down, instances down.
     */
    private static String operatorView(String gateway, String operator) {
        long asked = System.nanoTime();
        try {
            JsonNode overview = overview(gateway, operator);
            JsonNode kafka = overview.path("kafka");
            JsonNode elasticsearch = overview.path("elasticsearch");
            return String.format(Locale.ROOT, "in %.1f s: brokers down %s, %d partitions under-replicated;"
                + " Elasticsearch %s, nodes down %s; instances down %s", (System.nanoTime() - asked) / 1e9,
                kafka.path("brokersDown"), kafka.path("underReplicated").size(),
                elasticsearch.path("status").asString("?"), elasticsearch.path("nodesDown"), instancesDown(overview));
        } catch (Exception e) {
            return String.format(Locale.ROOT, "failed after %.1f s: %s", (System.nanoTime() - asked) / 1e9, e);
        }
    }

    /**
     * Waits until the operator page shows the cluster whole: every broker, node and instance up, no partition
     * under-replicated, Elasticsearch green. Says "whole", or what was still missing at {@link #RECOVERY_LIMIT}.
     */
    private static String awaitWhole(String gateway, String operator) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
        String missing = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                JsonNode overview = overview(gateway, operator);
                JsonNode kafka = overview.path("kafka");
                JsonNode elasticsearch = overview.path("elasticsearch");
                if (kafka.path("brokersDown").isEmpty() && kafka.path("underReplicated").isEmpty()
                        && "green".equals(elasticsearch.path("status").asString())
                        && elasticsearch.path("nodesDown").isEmpty() && instancesDown(overview).isEmpty()) {
                    return "whole";
                }
                missing = "not whole";
            } catch (Exception e) {
                missing = "no answer (" + e.getMessage() + ")";
            }
            Thread.sleep(1000);
        }
        return "still " + missing;
    }

    private static JsonNode overview(String gateway, String operator) throws Exception {
        HttpResponse<String> answer = OpenLoop.HTTP.send(HttpRequest.newBuilder(URI.create(gateway
                + "/api/operations/overview")).header("Authorization", operator).timeout(Duration.ofSeconds(10))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("overview answered " + answer.statusCode());
        }
        return JSON.readTree(answer.body());
    }

    private static List<String> instancesDown(JsonNode overview) {
        List<String> down = new ArrayList<>();
        overview.path("services").forEach(service -> service.path("instances").forEach(instance -> {
            if (!"UP".equals(instance.path("status").asString())) {
                down.add(instance.path("instance").asString());
            }
        }));
        return down;
    }

    private static String startImport(String gateway, String authorization, Path ndjson) throws Exception {
        HttpResponse<String> started = OpenLoop.HTTP.send(HttpRequest.newBuilder(URI.create(gateway
                + "/api/imports?name=cluster-faults"))
            .header("Authorization", authorization).header("Content-Type", "application/x-ndjson")
            .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofFile(ndjson)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("POST /api/imports answered " + started.statusCode() + ": "
                + started.body());
        }
        return JSON.readTree(started.body()).path("id").asString();
    }

    /**
     * Follows the import until every document it stored is searchable, or nothing moved for five minutes; a poll
     * that fails (a gateway or ingest instance going away) is tried again.
     */
    private static JsonNode awaitImport(String gateway, String authorization, String id) throws InterruptedException {
        JsonNode last = null;
        String lastMovement = "";
        long movedAt = System.nanoTime();
        while (true) {
            try {
                last = JSON.readTree(ImportCommand.progress(gateway, authorization, id));
            } catch (Exception e) {
                Thread.sleep(1000);
                continue;
            }
            long stored = last.path("created").asLong() + last.path("updated").asLong();
            String movement = last.path("read").asLong() + "/" + last.path("indexed").asLong();
            boolean read = !"RUNNING".equals(last.path("state").asString());
            if (read && last.path("indexed").asLong() >= stored) {
                return last;
            }
            if (!movement.equals(lastMovement)) {
                lastMovement = movement;
                movedAt = System.nanoTime();
            } else if (System.nanoTime() - movedAt > IMPORT_STALL_NANOS) {
                System.out.printf("The import stalled: %s%n", last);
                return last;
            }
            Thread.sleep(1000);
        }
    }

    /** Documents in the index (refreshed first): each document is one entry, under its id. */
    private static long count(String elasticsearch) throws Exception {
        OpenLoop.HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/wenku-documents/_refresh"))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> answer = OpenLoop.HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearch
            + "/wenku-documents/_count")).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body()).path("count").asLong();
    }

    /** A line of each of the first poems: what the reader looks for (they are imported first). */
    private static List<String> queries(List<Poem> poems) {
        return poems.stream().limit(200).filter(poem -> !poem.lines().isEmpty())
            .map(poem -> poem.lines().getFirst()).toList();
    }

    private static LatencyStats stats(List<Search> searches) {
        List<Long> answered = searches.stream().filter(Search::ok).map(Search::nanos).toList();
        return LatencyStats.of(searches.size(), (int) searches.stream().filter(s -> !s.ok()).count(), answered);
    }

    private static void print(List<Window> windows, List<Search> all, JsonNode done, long searchable,
                              LocalPlatform platform) {
        System.out.printf("%n== Searches through the second gateway, %d/s, during each fault (kill, %d s down,"
            + " restart, the cluster whole again, %d s after) ==%n", SEARCH_RATE, DOWN.toSeconds(), SETTLE.toSeconds());
        System.out.printf(Locale.ROOT, "%-40s %8s %7s %9s %9s  %s%n", "fault", "searches", "errors", "p50 ms",
            "p99 ms", "operator page, mid-fault");
        for (Window window : windows) {
            LatencyStats s = window.searches();
            System.out.printf(Locale.ROOT, "%-40s %8d %7d %9.1f %9.1f  %s%n", window.fault(), s.sent(), s.errors(),
                s.p50(), s.p99(), window.operatorView());
        }
        LatencyStats overall = stats(all);
        System.out.printf(Locale.ROOT, "%-40s %8d %7d %9.1f %9.1f%n", "whole run", overall.sent(), overall.errors(),
            overall.p50(), overall.p99());
        long stored = done.path("created").asLong() + done.path("updated").asLong();
        System.out.printf("%nImport %s: %,d lines read, %,d stored, %,d unchanged, %,d rejected, %,d searchable%n",
            done.path("state").asString(), done.path("read").asLong(), stored, done.path("unchanged").asLong(),
            done.path("rejected").asLong(), done.path("indexed").asLong());
        System.out.printf("Index: %,d documents for %,d stored: %s%n", searchable, stored,
            searchable == stored ? "every acknowledged document searchable exactly once"
                : "MISMATCH (" + (searchable - stored) + ")");
        System.out.printf("Resident memory at the end: %s%n", PlatformMemory.sample(platform).describe());
    }

    /** Searches at a fixed rate, open loop, each with its sending time, until closed. */
    private static final class SearchLoad implements AutoCloseable {

        private final ConcurrentLinkedQueue<Search> searches = new ConcurrentLinkedQueue<>();
        private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
        private final AtomicInteger sent = new AtomicInteger();

        SearchLoad(String gateway, List<String> queries) {
            schedule.scheduleAtFixedRate(() -> {
                String query = queries.get(sent.getAndIncrement() % queries.size());
                long start = System.nanoTime();
                OpenLoop.HTTP.sendAsync(HttpRequest.newBuilder(URI.create(gateway + "/api/search?q="
                        + URLEncoder.encode(query, StandardCharsets.UTF_8))).timeout(SEARCH_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.discarding())
                    .whenComplete((answer, failure) -> searches.add(new Search(start, System.nanoTime() - start,
                        failure == null && answer.statusCode() == 200)));
            }, 0, 1_000_000_000L / SEARCH_RATE, TimeUnit.NANOSECONDS);
        }

        List<Search> between(long from, long to) {
            return searches.stream().filter(s -> s.sentAt() >= from && s.sentAt() < to).toList();
        }

        List<Search> all() {
            return List.copyOf(searches);
        }

        @Override
        public void close() {
            schedule.shutdownNow();
        }
    }
}
