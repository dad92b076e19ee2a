package dev.wenku.benchmarks;

import dev.wenku.benchmarks.PoetryCorpus.Poem;
import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.PlatformMemory;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.ServiceModule;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The same bulk import on three topologies, one after another in one run ({@code ./wenku bench scaleout
 * [--limit=N]}, 20,000 poems by default): one of everything; two analysis-service instances in one consumer group;
 * three Kafka nodes (every topic with three replicas, two in sync for a write) instead of one. Each gets a fresh
 * platform without seeds, a short import first to warm it up (not reported), then the poems as one NDJSON import timed
 * until searchable. Printed side by side: documents per second end to end, the platform's CPU share, its resident
 * memory, and the index's and the databases' size on disk per document, from which docs/scaling.md extrapolates.
 *
 * <p>On two cores a second instance or two more brokers add work and no cores, so this shows the overhead of scaling
 * out, not a speed-up; it is reported as measured.
 */
public final class ScaleOutBenchmark {

    private static final int DEFAULT_POEMS = 20_000;
    private static final int WARM_UP_POEMS = 2_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ScaleOutBenchmark() {
    }

    /** A topology under test, by what it changes. */
    record Variant(String name, LocalPlatform.Topology topology) {
    }

    /** What one variant measured. */
    record Measured(Variant variant, PoemImport.Outcome imported, long documents, double cpuShare,
                    PlatformMemory.Sample memory, long indexBytes, long postgresBytes, long kafkaBytes) {
    }

    public static void main(String[] args) throws Exception {
        int limit = args.length == 0 ? DEFAULT_POEMS
            : PoetryCorpus.limitArgument(args, "./wenku bench scaleout [--limit=N]   (default " + DEFAULT_POEMS + ")");
        ProjectLayout layout = ProjectLayout.locate();
        System.out.printf("Loading %s …%n", PoetryCorpus.PACKAGE);
        List<Poem> all = PoetryCorpus.first(limit + WARM_UP_POEMS);
        Path warmUp = PoemImport.writeNdjson(all.subList(limit, all.size()));
        Path ndjson = PoemImport.writeNdjson(all.subList(0, limit));
        List<Variant> variants = List.of(
            new Variant("1 of everything", LocalPlatform.Topology.SINGLE),
            new Variant("2 analysis instances", LocalPlatform.Topology.SINGLE.with(ServiceModule.ANALYSIS, 2)),
            new Variant("3 Kafka nodes", LocalPlatform.Topology.SINGLE.withKafkaNodes(3)));
        List<Measured> results = new ArrayList<>();
        try {
            for (Variant variant : variants) {
                results.add(measure(layout, variant, warmUp, ndjson, limit));
            }
        } finally {
            Files.deleteIfExists(warmUp);
            Files.deleteIfExists(ndjson);
        }
        print(results, limit, System.out);
    }

    private static Measured measure(ProjectLayout layout, Variant variant, Path warmUp, Path ndjson, int poems)
            throws Exception {
        System.out.printf("%n== %s: %,d poems ==%n", variant.name(), poems);
        Path data = Files.createTempDirectory("wenku-scaleout-bench-");
        try (LocalPlatform platform = LocalPlatform.start(layout, data, LocalPlatform.Ports.ANY_FREE, null,
                FreshnessBenchmark.liftedBudgets(), variant.topology())) {
            String gateway = platform.gatewayUrl();
            String editor = platform.accounts().editor().basicAuthorization();
            PoemImport.Outcome warm = PoemImport.run(gateway, editor, warmUp,
                new PrintStream(OutputStream.nullOutputStream()));
            PlatformCpu cpu = PlatformCpu.start(platform);
            PoemImport.Outcome imported;
            PlatformMemory.Sample peak;
            try (MemorySampler memory = new MemorySampler(platform)) {
                imported = PoemImport.run(gateway, editor, ndjson, System.out);
                peak = memory.peak();
            }
            double share = cpu.machineShareSinceStart();
            System.out.printf(Locale.ROOT, "%.0f documents/s, CPU %s%n", imported.perSecond(),
                cpu.describeSinceStart());
            DataOnDisk disk = DataOnDisk.of(data);
            return new Measured(variant, imported, warm.indexed() + imported.indexed(), share, peak,
                indexBytes(platform), disk.postgres(), disk.kafka());
        } finally {
            Directories.deleteRecursively(data);
        }
    }

    /** The index's primary store on disk after a flush (segments as the import left them, not merged). */
    private static long indexBytes(LocalPlatform platform) throws Exception {
        String elasticsearch = platform.infrastructure().elasticsearchUrl();
        OpenLoop.HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/wenku-documents/_flush"))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> stats = OpenLoop.HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearch
            + "/wenku-documents/_stats/store")).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode primaries = JSON.readTree(stats.body()).path("_all").path("primaries").path("store");
        return primaries.path("size_in_bytes").asLong();
    }

    private static void print(List<Measured> results, int poems, PrintStream out) {
        out.printf("%n== Bulk import of %,d poems, side by side (%d cores) ==%n", poems,
            Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%-22s %9s %8s %7s %10s %12s %12s %12s%n", "topology", "docs/s", "vs first", "CPU",
            "memory", "index B/doc", "PG B/doc", "Kafka B/doc");
        double first = results.getFirst().imported().perSecond();
        for (Measured m : results) {
            long documents = Math.max(1, m.documents());
            out.printf(Locale.ROOT, "%-22s %9.0f %7.0f%% %6.0f%% %8.2f GiB %12d %12d %12d%n", m.variant().name(),
                m.imported().perSecond(), 100 * m.imported().perSecond() / first, 100 * m.cpuShare(),
                PlatformMemory.gib(m.memory().total()), m.indexBytes() / documents, m.postgresBytes() / documents,
                m.kafkaBytes() / documents);
        }
        out.println("(memory: the platform's peak resident memory during the import; B/doc: bytes on disk after the"
            + " import over every document searchable, the warm-up's included; PostgreSQL and Kafka include their fixed"
            + " overhead, Kafka every replica)");
    }
}
