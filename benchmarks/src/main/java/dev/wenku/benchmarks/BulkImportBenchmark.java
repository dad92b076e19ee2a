package dev.wenku.benchmarks;

import dev.wenku.infrastructure.launcher.PlatformMemory;
import dev.wenku.benchmarks.FreshnessBenchmark.RateResult;
import dev.wenku.benchmarks.PoetryCorpus.Poem;
import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.GatewaySession;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real corpus imported in bulk: the {@link PoetryCorpus} (311,855 poems by default, {@code --limit=N} for the
 * first N) sent as one NDJSON import through the gateway into a fresh platform without seeds, timed until every poem
 * it stored is searchable ({@link PoemImport}). Meanwhile an editor uploads one document a second, each timed until
 * searchable ({@link InteractiveUploads}); the platform's CPU and resident memory are sampled. Afterwards, readers'
 * latencies against the whole index ({@link CorpusReads}).
 *
 * <p>The end-to-end rate is set against two references of the same run, of the same poems: (a) the analysis engine
 * in-process on one thread, times the cores ({@link PoemAnalysis}; analysis is the pipeline's heaviest stage, and
 * with every core analysing nothing else would run); (b) a raw {@code _bulk} of the analysed poems into a scratch index
 * of the same node ({@link IndexerBenchmark#rawBulkIntoScratchIndex}; Elasticsearch's ceiling). (a) runs before the
 * platform starts, alone on the machine; (b) after the reads, so it disturbs no other figure.
 */
public final class BulkImportBenchmark {

    static final int SAMPLE = 20_000;
    private static final int WARM_UP_SECONDS = 15;
    private static final double RATE_TARGET = 0.5;
    private static final double CPU_TARGET = 0.85;
    private static final double FRESHNESS_P99_TARGET_SECONDS = 3;
    private static final double SEARCH_P99_TARGET_MS = 100;
    private static final double SUGGEST_P99_TARGET_MS = 30;
    private static final double RELATED_P99_TARGET_MS = 100;
    static final String INDEX_ALIAS = "wenku-documents";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BulkImportBenchmark() {
    }

    /**
     * Each service's live heap ({@link ServiceHeaps}) once a tenth of the poems were searchable, and after the import.
     */
    record Heaps(long earlyDocuments, Map<String, Double> early, long endDocuments, Map<String, Double> end) {

        /** The largest growth of one service's live heap from the early reading to the end. */
        double growth() {
            return end.entrySet().stream().filter(e -> early.containsKey(e.getKey()))
                .mapToDouble(e -> e.getValue() / early.get(e.getKey())).max().orElse(Double.NaN);
        }

        String describe() {
            return end.keySet().stream().map(name -> format("%s %.0f → %.0f", name, early.getOrDefault(name,
                Double.NaN), end.get(name))).collect(Collectors.joining(", ")) + " MiB";
        }
    }

    /**
     * The servers' data on disk once a tenth of the poems were searchable, and after the import: the growth between
     * them is the disk each document costs at scale, without the fixed costs that dominate a small corpus.
     */
    record Disk(long earlyDocuments, DataOnDisk early, long endDocuments, DataOnDisk end) {

        String describe() {
            return early == null ? "not read early (the import ended first, or the reading failed: see above)"
                : end.perDocumentSince(early, endDocuments - earlyDocuments);
        }
    }

    /**
     * The platform's share of the machine during the import, the benchmark's own (its JVM: the import's upload, the
     * interactive uploads and every poller), the machine's idle share (what no process used; the rest of the machine
     * goes to the kernel's threads and other processes), each process's share of a core (text), each process's CPU
     * seconds, and the CPU seconds of the platform's JIT compilers (part of the processes').
     */
    record Cpu(double machineShare, double benchmarkShare, double machineIdle, String byProcess,
               Map<String, Double> seconds, double compilerSeconds) {

        /**
         * "3.21 ms: elasticsearch 0.97, analysis-service 0.71, …; JIT compilers 0.80 of it": the CPU each stored
         * document cost the platform, each process's part of it, the largest first ({@link PlatformCpu#describePerUnit}),
         * and the part the JVMs' JIT compilers took. Where the end-to-end rate stands against its references, this
         * says which process the difference is spent in; the compilers' part is the platform warming up (a fresh
         * platform compiles its code while it imports), which a platform that has run a while no longer pays.
         */
        String perDocument(long documents) {
            return String.format(Locale.ROOT, "%s; JIT compilers %.2f of it",
                PlatformCpu.describePerUnit(seconds, documents, 2), 1000 * compilerSeconds / documents);
        }
    }

    /**
     * Everything one run measured; {@code searchCount} is what Elasticsearch holds after the import (its poems and the
     * interactive uploads).
     */
    record Result(int poems, PoemImport.Outcome imported, long searchCount, PoemAnalysis.Measured analysis, int cores,
                  double rawBulkPerSecond, Cpu cpu, PlatformMemory.Sample peak, RateResult interactive,
                  CorpusReads.Result reads, Heaps heaps, Disk disk, PoetryRelevance.Result relevance) {

        /** What the machine could do at best: every core analysing, or Elasticsearch taking raw bulks. */
        double reference() {
            return Math.min(analysis.perSecond() * cores, rawBulkPerSecond);
        }

        double ratio() {
            return imported.perSecond() / reference();
        }
    }

    public static void main(String[] args) throws Exception {
        int limit = PoetryCorpus.limitArgument(args, "./wenku bench import [--limit=N]   (default: all "
            + PoetryCorpus.POEMS + " poems)");
        Result result = measure(ProjectLayout.locate(), limit);
        print(result);
        System.out.printf("%n%s", addRows(new SuiteTable(), result).render());
    }

    /** The first {@code limit} poems of the corpus, imported into a platform of its own (started and closed here). */
    static Result measure(ProjectLayout layout, int limit) throws Exception {
        System.out.printf("Loading %s …%n", PoetryCorpus.PACKAGE);
        List<Poem> poems = PoetryCorpus.first(limit);
        Path ndjson = PoemImport.writeNdjson(poems);
        try {
            System.out.printf("%n== (a) Analysis of %,d of the poems in-process, one thread ==%n",
                Math.min(SAMPLE, poems.size()));
            PoemAnalysis.Measured analysis = PoemAnalysis.measure(PoemAnalysis.sample(poems, SAMPLE));
            System.out.printf("%.0f poems/s on one core%n", analysis.perSecond());
            Path data = Files.createTempDirectory("wenku-import-bench-");
            try (LocalPlatform platform = LocalPlatform.start(layout, data, LocalPlatform.Ports.ANY_FREE, null,
                    FreshnessBenchmark.liftedBudgets())) {
                return onPlatform(layout, platform, data, poems, ndjson, analysis);
            } finally {
                Directories.deleteRecursively(data);
            }
        } finally {
            Files.deleteIfExists(ndjson);
        }
    }

    /**
     * Interactive uploads for {@link #WARM_UP_SECONDS} s before the import, not reported: the first uploads through a
     * platform just started take several seconds (classes loaded, code not yet compiled, first searches), which is
     * start-up, not the import's doing; the freshness benchmark warms up the same way.
     */
    private static void warmUpInteractivePath(String gateway, String authorization, List<Poem> poems)
            throws InterruptedException {
        try (InteractiveUploads warmUp = new InteractiveUploads(gateway, authorization, poems)) {
            Thread.sleep(WARM_UP_SECONDS * 1000L);
            RateResult result = warmUp.finish("");
            System.out.printf(Locale.ROOT, "Interactive warm-up, %d uploads: p50 %.2f s, max %.2f s (not reported)%n",
                result.accepted(), result.p50(), result.max());
        }
    }

    private static Result onPlatform(ProjectLayout layout, LocalPlatform platform, Path data, List<Poem> poems,
                                     Path ndjson, PoemAnalysis.Measured analysis) throws Exception {
        String gateway = platform.gatewayUrl();
        String authorization = GatewaySession.logIn(gateway, platform.accounts().editor());
        warmUpInteractivePath(gateway, authorization, poems);
        System.out.printf("%n== Bulk import of %,d poems, one interactive upload a second meanwhile ==%n",
            poems.size());
        PlatformCpu cpu = PlatformCpu.start(platform);
        EarlyReading early = new EarlyReading(platform, data, poems.size() / 10);
        PoemImport.Outcome imported;
        Cpu used;
        PlatformMemory.Sample peak;
        RateResult interactive;
        try (MemorySampler memory = new MemorySampler(platform);
             InteractiveUploads uploads = new InteractiveUploads(gateway, authorization, poems)) {
            imported = PoemImport.run(gateway, authorization, ndjson, System.out);
            used = new Cpu(cpu.machineShareSinceStart(), cpu.ownShareSinceStart(), cpu.machineIdleSinceStart(),
                cpu.describeSinceStart(), cpu.secondsSinceStart(), cpu.compilerSecondsSinceStart());
            peak = memory.peak();
            interactive = uploads.finish(used.byProcess());
        }
        long searchCount = count(platform);
        Heaps heaps = early.heaps(searchCount, ServiceHeaps.afterFullGc(platform));
        System.out.printf(Locale.ROOT, "Live heap of each service after a full GC, at %,d and at %,d documents: %s%n",
            heaps.earlyDocuments(), heaps.endDocuments(), heaps.describe());
        Disk disk = early.disk(searchCount, DataOnDisk.of(data));
        System.out.printf(Locale.ROOT, "Data on disk per document from %,d to %,d documents: %s%n",
            disk.earlyDocuments(), disk.endDocuments(), disk.describe());
        System.out.println("\n== Reads of the whole index ==");
        CorpusReads.Result reads = CorpusReads.measure(gateway, poems);
        CorpusReads.print(reads);
        System.out.println("\n== Relevance of the judged queries (evaluation/poetry-queries.tsv) ==");
        PoetryRelevance.Result relevance = PoetryRelevance.evaluate(layout, gateway, poems);
        PoetryRelevance.print(relevance, true);
        System.out.printf("%n== (b) Raw _bulk of the %,d analysed poems into a scratch index ==%n",
            analysis.events().size());
        double raw = IndexerBenchmark.rawBulkIntoScratchIndex(platform, analysis.events());
        return new Result(poems.size(), imported, searchCount, analysis, Runtime.getRuntime().availableProcessors(),
            raw, used, peak, interactive, reads, heaps, disk, relevance);
    }

    /**
     * Reads the services' live heaps ({@link ServiceHeaps}) and the data on disk once Elasticsearch holds
     * {@code threshold} documents, on a thread of its own while the import runs; empty if the import ended first.
     */
    private static final class EarlyReading {

        private final Thread thread;
        private volatile long documents;
        private volatile Map<String, Double> heaps = Map.of();
        private volatile DataOnDisk disk;

        EarlyReading(LocalPlatform platform, Path data, long threshold) {
            thread = Thread.ofPlatform().daemon().name("early-reading").start(() -> {
                try {
                    for (long count = count(platform); count < threshold; count = count(platform)) {
                        Thread.sleep(2000);
                    }
                    documents = count(platform);
                    disk = DataOnDisk.of(data);
                    heaps = ServiceHeaps.afterFullGc(platform);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    System.out.println("  early heap reading failed: " + e);
                }
            });
        }

        /** The early heaps beside those at the end ({@code endDocuments} searchable); waits for the early reading. */
        Heaps heaps(long endDocuments, Map<String, Double> end) throws InterruptedException {
            if (!thread.join(Duration.ofMinutes(2))) {
                thread.interrupt();
            }
            return new Heaps(documents, heaps, endDocuments, end);
        }

        /** The early data on disk beside that at the end; call after {@link #heaps}. */
        Disk disk(long endDocuments, DataOnDisk end) {
            return new Disk(documents, disk, endDocuments, end);
        }
    }

    /** The documents Elasticsearch counts in the search index now (the import's figure, confirmed). */
    static long count(LocalPlatform platform) throws Exception {
        return count(platform, INDEX_ALIAS + "/_count");
    }

    /** What Elasticsearch's {@code _count} at {@code path} (an index and its query string) counts now. */
    static long count(LocalPlatform platform, String path) throws Exception {
        HttpResponse<String> response = OpenLoop.HTTP.send(HttpRequest.newBuilder(URI.create(
            platform.infrastructure().elasticsearchUrl() + "/" + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("count").asLong();
    }

    static void print(Result r) {
        PoemImport.Outcome i = r.imported();
        System.out.printf("%nBulk import of %,d poems: %s, %,d lines, %,d created, %,d updated, %,d unchanged,"
                + " %,d rejected; %,d searchable (Elasticsearch holds %,d with the %d interactive uploads)%n",
            r.poems(), i.state(), i.lines(), i.created(), i.updated(), i.unchanged(), i.rejected(), i.indexed(),
            r.searchCount(), r.interactive().accepted());
        System.out.printf("  accepted after %.1f s, every line read after %.1f s, searchable after %.1f s:"
            + " %.0f documents/s end to end%n", i.acceptedSeconds(), i.readSeconds(), i.searchableSeconds(),
            i.perSecond());
        System.out.printf("  (a) analysis on one core %.0f poems/s × %d cores = %.0f/s; (b) raw _bulk %.0f/s;"
                + " end to end / min(a, b) = %.2f (target ≥ %.2f)%n", r.analysis().perSecond(), r.cores(),
            r.analysis().perSecond() * r.cores(), r.rawBulkPerSecond(), r.ratio(), RATE_TARGET);
        System.out.printf("  CPU during the import: %.0f %% of the machine (target ≥ %.0f %%), the benchmark's own JVM"
            + " %.0f %%, the machine idle %.0f %%: %s%n", 100 * r.cpu().machineShare(), 100 * CPU_TARGET,
            100 * r.cpu().benchmarkShare(), 100 * r.cpu().machineIdle(), r.cpu().byProcess());
        System.out.printf("  CPU per document stored: %s%n", r.cpu().perDocument(stored(r)));
        System.out.printf("  resident memory at its peak: %s%n", r.peak().describe());
        RateResult f = r.interactive();
        System.out.printf("  interactive uploads: %d sent, %d accepted, %d never searchable; freshness p50 %.2f s,"
                + " p95 %.2f s, p99 %.2f s, max %.2f s (target p99 ≤ %.0f s)%n", f.sent(), f.accepted(), f.unseen(),
            f.p50(), f.p95(), f.p99(), f.max(), FRESHNESS_P99_TARGET_SECONDS);
    }

    /** The documents the import stored (created or changed), with the interactive uploads made meanwhile. */
    private static long stored(Result r) {
        return r.imported().created() + r.imported().updated() + r.interactive().accepted();
    }

    /** The benchmark's rows of the suite's table (and of its own summary). */
    static SuiteTable addRows(SuiteTable table, Result r) {
        PoemImport.Outcome i = r.imported();
        RateResult f = r.interactive();
        CorpusReads.Result reads = r.reads();
        table.add(format("bulk import of %,d poems of chinese-poetry: lines, created, unchanged, rejected; searchable",
                    r.poems()),
                format("%,d, %,d, %,d, %,d; %,d after %.0f s (Elasticsearch: %,d)", i.lines(), i.created(),
                    i.unchanged(), i.rejected(), i.indexed(), i.searchableSeconds(), r.searchCount()),
                "every stored poem", i.allSearchable())
            .add("bulk import end to end vs min((a) analysis on one core × cores, (b) raw _bulk) of the same poems",
                format("%.0f vs min(%.0f × %d, %.0f) documents/s = %.2f×", i.perSecond(), r.analysis().perSecond(),
                    r.cores(), r.rawBulkPerSecond(), r.ratio()), format("≥ %.2f×", RATE_TARGET),
                r.ratio() >= RATE_TARGET)
            .add("platform CPU during the bulk import (the benchmark's own JVM; the machine's idle share)",
                format("%.0f %% of %d cores (benchmark %.0f %%; idle %.0f %%)", 100 * r.cpu().machineShare(), r.cores(),
                    100 * r.cpu().benchmarkShare(), 100 * r.cpu().machineIdle()),
                format("≥ %.0f %%", 100 * CPU_TARGET), r.cpu().machineShare() >= CPU_TARGET)
            .add("CPU per document stored during the bulk import, by process (ms)", r.cpu().perDocument(stored(r)))
            .add("resident memory, peak during the bulk import", memory(r.peak()))
            .add(format("live heap of each service after a full GC, at %,d and at %,d documents",
                    r.heaps().earlyDocuments(), r.heaps().endDocuments()),
                format("%s (largest growth %.2f×)", r.heaps().describe(), r.heaps().growth()),
                format("≤ %.2f×", CorpusMemoryBenchmark.GROWTH_TARGET),
                r.heaps().growth() <= CorpusMemoryBenchmark.GROWTH_TARGET)
            .add(format("freshness p50 / p95 / p99 / max of %d upload/s during the bulk import; never searchable",
                    InteractiveUploads.RATE),
                format("%.2f / %.2f / %.2f / %.2f s; %d of %d", f.p50(), f.p95(), f.p99(), f.max(), f.unseen(),
                    f.accepted()), format("p99 ≤ %.0f s", FRESHNESS_P99_TARGET_SECONDS),
                FreshnessBenchmark.verdict(f, Double.POSITIVE_INFINITY, FRESHNESS_P99_TARGET_SECONDS));
        table.add(format("data on disk per document added from %,d to %,d documents", r.disk().earlyDocuments(),
            r.disk().endDocuments()), r.disk().describe());
        read(table, format("search p50 / p99 at %d requests/s, whole corpus indexed", CorpusReads.SEARCH_RATE),
            reads.search(), SEARCH_P99_TARGET_MS);
        read(table, format("suggestions p50 / p99 at %d requests/s, whole corpus indexed", CorpusReads.LOOKUP_RATE),
            reads.suggest(), SUGGEST_P99_TARGET_MS);
        read(table, format("related documents p50 / p99 at %d requests/s, whole corpus indexed",
            CorpusReads.LOOKUP_RATE), reads.related(), RELATED_P99_TARGET_MS);
        return PoetryRelevance.addRows(table, r.relevance(), r.poems());
    }

    private static void read(SuiteTable table, String figure, LatencyStats s, double targetMs) {
        table.add(figure, format("%.1f / %.1f ms, %d errors", s.p50(), s.p99(), s.errors()),
            format("p99 ≤ %.0f ms", targetMs), s.p99() <= targetMs && s.errors() == 0);
    }

    /** "2.91 GiB: elasticsearch 1.10, kafka 0.52, …" — every process, largest first. */
    private static String memory(PlatformMemory.Sample peak) {
        return format("%.2f GiB: ", PlatformMemory.gib(peak.total())) + peak.bytesByProcess().entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .map(e -> format("%s %.2f", e.getKey(), PlatformMemory.gib(e.getValue())))
            .collect(Collectors.joining(", "));
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
