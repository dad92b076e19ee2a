package dev.wenku.benchmarks;

import dev.wenku.infrastructure.launcher.PlatformMemory;
import dev.wenku.benchmarks.AnalysisBenchmark.Throughputs;
import dev.wenku.benchmarks.FreshnessBenchmark.RateResult;
import dev.wenku.benchmarks.SeedEssays.SimplifiedEssay;
import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.SearchReadiness;
import dev.wenku.infrastructure.launcher.SeedLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Every benchmark once, ending with one table of figure, measurement, target and whether it was met. The analysis
 * benchmark (JMH) runs first, alone on the machine; then one embedded platform serves the other figures in this
 * order: start-up until the seed is searchable, search latency (before any other document is added, as in the
 * search benchmark), end-to-end freshness, the indexer, the editors' list; its resident memory is sampled every second
 * meanwhile. Last, once that platform is closed, the bulk import of the whole poetry corpus on a fresh platform of its
 * own ({@link BulkImportBenchmark}): nothing the other figures measured is left in its way, and it in theirs.
 */
public final class BenchmarkSuite {

    private static final int SEARCH_RATE = 100;
    private static final int SEARCH_SECONDS = 20;
    private static final String READY_QUERY = "新质生产力";
    private static final double READY_TARGET_SECONDS = 60;
    private static final double MEMORY_TARGET_GIB = 3.5;
    private static final int FRESHNESS_TARGET_RATE = 20;

    private BenchmarkSuite() {
    }

    /**
     * {@code peak} is the resident memory's peak under the searches and uploads; {@code peakIndexing} its peak during
     * the indexer benchmark, which alone writes far more essays into Elasticsearch (120,000 by default; its figure is
     * apart so that neither hides the other).
     */
    private record PlatformFigures(boolean fromCaches, double healthySeconds, double readySeconds,
                                   PlatformMemory.Sample afterSeed,
                                   PlatformMemory.Sample peak, PlatformMemory.Sample peakIndexing,
                                   SearchLatencyBenchmark.Result search, List<RateResult> freshness,
                                   IndexerBenchmark.Result indexer, EditorListBenchmark.Result editorList) {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        String machine = Machine.describe();
        System.out.println("Machine: " + machine);
        ProjectLayout layout = ProjectLayout.locate();
        List<SimplifiedEssay> essays = SeedEssays.load(layout.seeds().resolve("000_46f25000791b86e7.txt"));

        System.out.println("\n== Analysis against bare segmentation (JMH) ==");
        Throughputs analysis = AnalysisBenchmark.run(new OptionsBuilder()).getFirst();
        AnalysisEvaluation.Averages quality = AnalysisEvaluation.measure();
        System.out.printf(Locale.ROOT, "%nAgainst evaluation/gold.json: keyword precision@10 %.2f, theme precision %.2f,"
            + " recall %.2f%n", quality.precision(), quality.themePrecision(), quality.themeRecall());
        PlatformFigures platform = onPlatform(layout, essays);
        System.out.println("\n== Bulk import of the whole poetry corpus (a platform of its own) ==");
        BulkImportBenchmark.Result bulkImport = BulkImportBenchmark.measure(layout, PoetryCorpus.POEMS);
        BulkImportBenchmark.print(bulkImport);

        System.out.println("\n== analysis-service's corpus to a million documents (PostgreSQL of its own) ==");
        CorpusMemoryBenchmark.Result corpusMemory = CorpusMemoryBenchmark.measure(layout,
            CorpusMemoryBenchmark.DOCUMENTS);
        CorpusMemoryBenchmark.print(corpusMemory);
        System.out.println("\n== ingest-service and search-service to a million documents (a platform of its own) ==");
        MillionDocumentsBenchmark.Result million = MillionDocumentsBenchmark.measure(layout,
            MillionDocumentsBenchmark.DOCUMENTS);
        MillionDocumentsBenchmark.print(million);

        System.out.println("\n== Search by meaning on the Tang poems (a platform of its own, embedding stage on) ==");
        SemanticBenchmark.Result semantic = SemanticBenchmark.measure(layout, SemanticBenchmark.TANG_POEMS, 0);
        SemanticBenchmark.print(semantic);

        SuiteTable table = SemanticBenchmark.addRows(MillionDocumentsBenchmark.addRows(CorpusMemoryBenchmark.addRow(
            BulkImportBenchmark.addRows(AnalysisEvaluation.addRows(table(analysis, platform), quality), bulkImport),
            corpusMemory), million), semantic);
        double minutes = (System.nanoTime() - started) / 60e9;
        System.out.printf("%n== Benchmark suite: every figure of one run (%.1f min) ==%nMachine: %s%n%n%s", minutes,
            machine, table.render());
        Path performance = layout.root().resolve("docs/performance.md");
        Files.writeString(performance, performancePage(machine, minutes, table));
        System.out.println("\nWritten to " + performance);
        System.out.println("\nResident memory at its peak under searches and uploads: " + platform.peak().describe());
        System.out.println("Resident memory at its peak during the indexer benchmark: "
            + platform.peakIndexing().describe());
    }

    /**
     * Users start a build's services from their start-up caches from its second run on (the first records them), so
     * the start is measured so: a build without them is started and stopped once first, in {@code data}'s folder
     * {@code caches}. Returns whether the services now start from them.
     */
    private static boolean withStartupCaches(ProjectLayout layout, Path data) throws Exception {
        if (!LocalPlatform.startsFromCaches(layout)) {
            System.out.println("Recording the services' start-up caches: one start and stop of this build first ...");
            Path recording = data.resolve("caches");
            try (LocalPlatform ignored = LocalPlatform.start(layout, recording, LocalPlatform.Ports.ANY_FREE, null,
                    FreshnessBenchmark.liftedBudgets())) {
                System.out.println("Started; stopping it writes the records.");
            }
            Directories.deleteRecursively(recording);
            LocalPlatform.makeStartupCaches(layout);
        }
        return LocalPlatform.startsFromCaches(layout);
    }

    private static PlatformFigures onPlatform(ProjectLayout layout, List<SimplifiedEssay> essays) throws Exception {
        Path data = Files.createTempDirectory("wenku-benchmark-suite-");
        System.out.println("\n== Platform start-up (Kafka, Elasticsearch, services, seed) ==");
        boolean fromCaches = withStartupCaches(layout, data);
        long start = System.nanoTime();
        try (LocalPlatform platform = LocalPlatform.start(layout, data, LocalPlatform.Ports.ANY_FREE, null,
                FreshnessBenchmark.liftedBudgets())) {
            double healthy = secondsSince(start);
            List<SeedLoader.Upload> seed = SeedLoader.loadAll(layout.seeds(), platform.gatewayUrl(),
                platform.accounts().editor(), System.out);
            SearchReadiness.await(platform.gatewayUrl(), READY_QUERY,
                seed.stream().filter(SeedLoader.Upload::accepted).mapToLong(SeedLoader.Upload::documents).sum());
            double ready = secondsSince(start);
            PlatformMemory.Sample afterSeed = PlatformMemory.sample(platform);
            System.out.printf("Healthy after %.1f s, seed searchable after %.1f s (%s); resident memory %s%n",
                healthy, ready, fromCaches ? "services from their start-up caches" : "no start-up caches",
                afterSeed.describe());
            SearchLatencyBenchmark.Result search;
            List<RateResult> freshness;
            PlatformMemory.Sample peak;
            try (MemorySampler memory = new MemorySampler(platform)) {
                System.out.println("\n== Search latency ==");
                search = SearchLatencyBenchmark.measure(platform, SearchLatencyBenchmark.queries(layout), SEARCH_RATE,
                    SEARCH_SECONDS);
                SearchLatencyBenchmark.print(search);
                System.out.println("\n== End-to-end freshness ==");
                freshness = FreshnessBenchmark.measure(platform, essays, FreshnessBenchmark.RATES,
                    FreshnessBenchmark.SECONDS);
                FreshnessBenchmark.print(freshness);
                peak = memory.peak();
            }
            try (MemorySampler memory = new MemorySampler(platform)) {
                System.out.println("\n== Indexer against raw _bulk ==");
                IndexerBenchmark.Result indexer = IndexerBenchmark.measure(platform, essays, IndexerBenchmark.DOCUMENTS,
                    IndexerBenchmark.WARM_UP_DOCUMENTS);
                IndexerBenchmark.print(indexer);
                PlatformMemory.Sample peakIndexing = memory.peak();
                System.out.println("\n== Editors' list with a million documents ==");
                EditorListBenchmark.Result editorList = EditorListBenchmark.measure(platform,
                    EditorListBenchmark.DOCUMENTS, EditorListBenchmark.RATE, EditorListBenchmark.SECONDS);
                EditorListBenchmark.print(editorList);
                return new PlatformFigures(fromCaches, healthy, ready, afterSeed, peak, peakIndexing, search, freshness,
                    indexer, editorList);
            }
        } finally {
            Directories.deleteRecursively(data);
        }
    }

    private static SuiteTable table(Throughputs analysis, PlatformFigures p) {
        SuiteTable table = new SuiteTable();
        for (RateResult r : p.freshness()) {
            table.add(format("end-to-end at %d uploads/s for %d s: sent, accepted, errors, never searchable; "
                    + "searchable documents/s", r.rate(), r.seconds()),
                format("%d, %d, %d, %d; %.1f/s", r.sent(), r.accepted(), r.errors(), r.unseen(),
                    r.searchablePerSecond()));
            String figure = format("freshness p50 / p95 / p99 at %d uploads/s", r.rate());
            String measured = format("%.2f / %.2f / %.2f s", r.p50(), r.p95(), r.p99());
            if (r.rate() == FRESHNESS_TARGET_RATE) {
                table.add(figure, measured, "p50 ≤ 1.2 s, p99 ≤ 2.5 s", FreshnessBenchmark.verdict(r, 1.2, 2.5));
            } else {
                table.add(figure, measured);
            }
        }
        LatencyStats gateway = p.search().viaGateway();
        LatencyStats direct = p.search().direct();
        table.add(format("search p50 / p99 at %d requests/s through the gateway", SEARCH_RATE),
                format("%.1f / %.1f ms, %d errors", gateway.p50(), gateway.p99(), gateway.errors()), "p99 ≤ 50 ms",
                gateway.p99() <= 50 && gateway.errors() == 0)
            .add(format("search p50 / p99 at %d requests/s directly at search-service", SEARCH_RATE),
                format("%.1f / %.1f ms, %d errors", direct.p50(), direct.p99(), direct.errors()), "p99 ≤ 50 ms",
                direct.p99() <= 50 && direct.errors() == 0)
            .add("latency the gateway adds at p50", format("%.1f ms", p.search().gatewayAddsAtP50()), "≤ 2 ms",
                p.search().gatewayAddsAtP50() <= 2)
            .add(format("the platform's CPU per search at %d requests/s by process: through the gateway; directly",
                    SEARCH_RATE), format("%s; %s", p.search().gatewayCpu(), p.search().directCpu()))
            .add(format("full analysis vs bare segmentation of seed essay %s (JMH)", analysis.essay()),
                format("%.0f vs %.0f ops/s = %.2f×", analysis.analysis(), analysis.segmentation(), analysis.ratio()),
                "≥ 0.50×", analysis.ratio() >= 0.5)
            .add(format("indexer draining %,d essays vs raw _bulk, mean of 2 rounds", p.indexer().documents()),
                format("%.0f vs %.0f documents/s = %.2f×", p.indexer().indexerPerSecond(), p.indexer().rawPerSecond(),
                    p.indexer().ratio()), "≥ 0.80×", p.indexer().ratio() >= 0.8)
            .add("platform start → seed searchable through the gateway",
                format("%.1f s (services healthy at %.1f s; %s)", p.readySeconds(), p.healthySeconds(),
                    p.fromCaches() ? "each from its start-up cache" : "no start-up caches"), "≤ 60 s",
                p.readySeconds() <= READY_TARGET_SECONDS)
            .add(format("resident memory of the platform's %d processes, peak under the searches and uploads above",
                    p.peak().processes()),
                format("%.2f GiB (%.2f GiB with the seed loaded)", PlatformMemory.gib(p.peak().total()),
                    PlatformMemory.gib(p.afterSeed().total())), "≤ 3.5 GiB",
                PlatformMemory.gib(p.peak().total()) <= MEMORY_TARGET_GIB)
            .add(format("resident memory, peak during the indexer benchmark (%,d essays more in Elasticsearch)",
                    p.indexer().documentsWritten()),
                format("%.2f GiB (Elasticsearch %.2f GiB, %.2f GiB of it mapped files)",
                    PlatformMemory.gib(p.peakIndexing().total()),
                    PlatformMemory.gib(p.peakIndexing().bytesByProcess().getOrDefault("elasticsearch", 0L)),
                    PlatformMemory.gib(p.peakIndexing().mappedFileBytesByProcess().getOrDefault("elasticsearch", 0L))));
        EditorListBenchmark.Result list = p.editorList();
        table.add(format("editors' list p50 / p99 at %d requests/s with %,d documents more, through the gateway",
                    list.rate(), list.documents()),
                format("%.1f / %.1f ms, %d errors", list.viaGateway().p50(), list.viaGateway().p99(),
                    list.viaGateway().errors()), "p99 ≤ 100 ms",
                list.viaGateway().p99() <= EditorListBenchmark.TARGET_P99_MS && list.viaGateway().errors() == 0)
            .add(format("editors' list p50 / p99 at %d requests/s with %,d documents more, directly", list.rate(),
                    list.documents()),
                format("%.1f / %.1f ms, %d errors", list.direct().p50(), list.direct().p99(), list.direct().errors()),
                "p99 ≤ 100 ms", list.direct().p99() <= EditorListBenchmark.TARGET_P99_MS && list.direct().errors() == 0);
        return table;
    }

    /** docs/performance.md: the latest run's table; what each figure means is in docs/benchmarks.md. */
    private static String performancePage(String machine, double minutes, SuiteTable table) {
        return "# Performance\n\n"
            + "The latest figures of the benchmark suite (`./wenku bench suite`), which writes this page; what each"
            + " figure\nmeasures, how, and against which target is in [benchmarks.md](benchmarks.md).\n\n"
            + format("Run of %s (UTC), %.0f minutes, on %s.%n%n", java.time.LocalDate.now(java.time.ZoneOffset.UTC),
                minutes, machine)
            + table.render();
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
