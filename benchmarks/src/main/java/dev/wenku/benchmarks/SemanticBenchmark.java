package dev.wenku.benchmarks;

import dev.wenku.benchmarks.JudgedQueries.Text;
import dev.wenku.benchmarks.PoetryCorpus.Poem;
import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.GatewaySession;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.SearchReadiness;
import dev.wenku.infrastructure.launcher.SeedLoader;
import dev.wenku.infrastructure.launcher.ServiceModule;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./wenku bench semantic [--limit=N] [--threads=T]}: search by meaning on the real corpus. A platform with the embedding
 * stage on loads the seed's five essays, imports the first {@code N} poems (default the {@value #TANG_POEMS} Tang
 * poems, where every known-item query of the judged set has its poem), waits until the stage has embedded every
 * document, then measures, per search mode ({@code lexical}, {@code semantic}, {@code hybrid}):
 * <ul>
 *   <li>MRR@10 and nDCG@10 of every kind of query of the judged set, the paraphrases and questions included, and of
 *       the paraphrases and questions over the seed's essays ({@value #SEED_QUERIES}), which must find an essay
 *       among the poems;</li>
 *   <li>search latency through the gateway, open loop at {@value CorpusReads#SEARCH_RATE}/s (the same queries in
 *       each mode), and with every query new (no cached query vector or nearest documents: what a kNN search
 *       costs is measured only there, a query asked again being answered from the documents it found before);</li>
 * </ul>
 * and the cost: the import's rate and the platform's CPU with the stage running, the stage's rate catching up after
 * it, the documents index's and the passages index's size, and search-service's peak resident memory.
 *
 * <p>Once the stage has caught up, the benchmark measures new hybrid queries with every passage compared, then
 * partitions the passages as an operator of a large corpus does ({@code POST /api/search/embeddings/partitioning}:
 * k-means centroids, every passage tagged), and measures everything above with the partitions, a query comparing the
 * passages of its nearest few. search-service does not partition by itself here ({@code partition-at} 0, where the
 * platform's default would start a run during the whole corpus's catch-up): the measurement before partitioning needs
 * the passages unpartitioned, and the run measured is the one the benchmark starts when the stage has caught up.
 *
 * <p>{@code --threads=T} gives the stage's model {@code T} cores ({@code wenku.search.semantic.threads}; the
 * platform's default otherwise, as in the suite): on two cores the stage caught up with the whole corpus in about
 * forty minutes after its import; the figures after the catch-up are those of the same index either way.
 */
public final class SemanticBenchmark {

    static final int TANG_POEMS = 57_607;
    static final double MEANING_GAIN_TARGET = 0.2;
    static final double HYBRID_P99_FACTOR = 2.0;
    static final List<String> MODES = List.of("lexical", "semantic", "hybrid");
    static final String SEED_QUERIES = "evaluation/seed-queries.tsv";
    static final String RELATED_QUERIES = "evaluation/related-queries.tsv";
    /** Related documents asked for without a mode: what a reader's reading view shows. */
    static final String DEFAULT_MODE = "default";
    /** How the rows name the essays of the seed, the corpus of {@link #SEED_QUERIES}. */
    static final String SEED_ESSAYS = "the seed's 5 essays";
    /** The latencies' key suffix of the runs whose every query is new ({@link CorpusReads#newQueriesLatency}). */
    private static final String NEW = "-new";
    /**
     * The draws of new queries ({@link CorpusReads#newQueriesLatency}): lexical and hybrid ask the first, the hybrid
     * run before partitioning the second and semantic the third, since a run searching by meaning leaves what it
     * found in search-service's caches for the next.
     */
    static final int UNPARTITIONED_DRAW = 1;
    private static final int SEMANTIC_DRAW = 2;
    /** The key of new hybrid queries measured before partitioning, every passage compared. */
    static final String UNPARTITIONED = "hybrid-new, unpartitioned";
    private static final int PARTITIONING_WAIT_MINUTES = 30;
    private static final String PASSAGES_ALIAS = "wenku-documents-passages";
    private static final int MERGE_WAIT_MINUTES = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * @param importPerSecond documents/s of the import, upload to searchable, with the stage running
     * @param importCpu       the platform's share of the machine during the import
     * @param importEmbeddingCpu the embedding stage's share of the machine during the import
     * @param embedSeconds    from the end of the import until the stage had embedded every document
     * @param embeddedPerSecond documents the stage embedded per second over the whole run
     * @param relevance       per mode, the judged set of the poems
     * @param seedRelevance   per mode, the judged paraphrases and questions over the seed's essays
     * @param related         per mode and for none ({@value #DEFAULT_MODE}), the judged related documents
     * @param newQueryCpu     per mode (lexical, hybrid), the platform's CPU per search of the runs whose every query
     *                        is new, by process ({@link PlatformCpu#describePerRequest}); {@value #UNPARTITIONED}:
     *                        hybrid before partitioning
     * @param partitioning    the partitioning run: its partitions, passages and duration
     */
    record Result(int poems, double importPerSecond, double importCpu, double importEmbeddingCpu, double embedSeconds,
                  double embeddedPerSecond,
                  Map<String, PoetryRelevance.Result> relevance, Map<String, PoetryRelevance.Result> seedRelevance,
                  Map<String, PoetryRelevance.Result> related, Map<String, LatencyStats> latency,
                  Map<String, String> newQueryCpu, Partitioned partitioning, long documentsIndexBytes,
                  long passagesIndexBytes, long searchServicePeakRss) {
    }

    /** The passages partitioned: into how many partitions, how many passages, in how many seconds (tagging too). */
    record Partitioned(int partitions, long passages, double seconds) {
    }

    private SemanticBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int limit = TANG_POEMS;
        int threads = 0;
        for (String arg : args) {
            if (arg.startsWith("--limit=")) {
                limit = Integer.parseInt(arg.substring("--limit=".length()));
            } else if (arg.startsWith("--threads=")) {
                threads = Integer.parseInt(arg.substring("--threads=".length()));
            } else {
                System.err.println("Usage: ./wenku bench semantic [--limit=N] [--threads=T]   (default " + TANG_POEMS
                    + " poems; the stage's model on the platform's default cores)");
                System.exit(2);
            }
        }
        Result result = measure(ProjectLayout.locate(), limit, threads);
        print(result);
        System.out.printf("%n%s", addRows(new SuiteTable(), result).render());
    }

    /**
     * The figures of the first {@code limit} poems, the stage's model on {@code threads} cores (0: the platform's
     * default).
     */
    static Result measure(ProjectLayout layout, int limit, int threads) throws Exception {
        List<Poem> poems = PoetryCorpus.first(limit);
        Path ndjson = PoemImport.writeNdjson(poems);
        Path data = Files.createTempDirectory("wenku-semantic-bench-");
        Map<ServiceModule, Map<String, String>> settings = Map.of(
            ServiceModule.GATEWAY, FreshnessBenchmark.liftedBudgets(),
            ServiceModule.SEARCH, searchSettings(threads));
        try (LocalPlatform platform = LocalPlatform.startWith(layout, data, LocalPlatform.Ports.ANY_FREE, null, settings,
                LocalPlatform.Topology.SINGLE);
             MemorySampler memory = new MemorySampler(platform)) {
            String gateway = platform.gatewayUrl();
            String authorization = GatewaySession.logIn(gateway, platform.accounts().editor());
            long essays = SeedLoader.loadAll(layout.seeds(), gateway, platform.accounts().editor(), System.out).stream()
                .filter(SeedLoader.Upload::accepted).mapToLong(SeedLoader.Upload::documents).sum();
            SearchReadiness.await(gateway, "新质生产力", essays);
            System.out.printf("%n== Bulk import of %,d poems with the embedding stage running ==%n", poems.size());
            long started = System.nanoTime();
            PlatformCpu cpu = PlatformCpu.start(platform);
            PoemImport.Outcome imported = PoemImport.run(gateway, authorization, ndjson, System.out);
            double importCpu = cpu.machineShareSinceStart();
            double importEmbeddingCpu = cpu.embeddingShareSinceStart();
            System.out.printf(Locale.ROOT, "%.0f documents/s end to end, platform CPU %.0f %% (%s)%n",
                imported.perSecond(), 100 * importCpu, cpu.describeSinceStart());
            long importEnded = System.nanoTime();
            long indexed = BulkImportBenchmark.count(platform);
            awaitEmbedded(platform, indexed);
            double embedSeconds = (System.nanoTime() - importEnded) / 1e9;
            awaitMerged(platform);
            double embeddedPerSecond = indexed / ((System.nanoTime() - started) / 1e9);
            Map<String, LatencyStats> latency = new LinkedHashMap<>();
            Map<String, String> newQueryCpu = new LinkedHashMap<>();
            CorpusReads.warmUp(gateway, poems, "hybrid");
            PlatformCpu unpartitioned = PlatformCpu.start(platform);
            latency.put(UNPARTITIONED, CorpusReads.newQueriesLatency(gateway, poems, "hybrid", UNPARTITIONED_DRAW));
            newQueryCpu.put(UNPARTITIONED,
                unpartitioned.describePerRequest(CorpusReads.SEARCH_RATE * CorpusReads.SEARCH_SECONDS));
            Partitioned partitioning = partition(gateway, platform.accounts().operator().basicAuthorization());
            awaitMerged(platform);
            Map<String, PoetryRelevance.Result> relevance = new LinkedHashMap<>();
            for (String mode : MODES) {
                System.out.printf("%n== Judged queries, mode=%s ==%n", mode);
                PoetryRelevance.Result judged = PoetryRelevance.evaluate(layout, gateway, poems, mode, query -> true);
                PoetryRelevance.print(judged, mode.equals("hybrid"));
                relevance.put(mode, judged);
            }
            Map<String, PoetryRelevance.Result> seedRelevance = new LinkedHashMap<>();
            List<Text> seed = SeedEssays.load(SeedEssays.locate(SeedEssays.DEFAULT_SEED)).stream()
                .map(essay -> Text.of(essay.title(), "", essay.body())).toList();
            for (String mode : MODES) {
                System.out.printf("%n== Judged queries over %s, mode=%s ==%n", SEED_ESSAYS, mode);
                PoetryRelevance.Result judged = PoetryRelevance.evaluate(layout.root().resolve(SEED_QUERIES), seed,
                    gateway, mode, query -> true);
                PoetryRelevance.print(judged, mode.equals("hybrid"));
                seedRelevance.put(mode, judged);
            }
            Map<String, PoetryRelevance.Result> related = new LinkedHashMap<>();
            List<Text> corpus = new ArrayList<>(seed);
            poems.forEach(p -> corpus.add(Text.of(p.title(), p.author(), p.body())));
            for (String mode : relatedModes()) {
                System.out.printf("%n== Judged related documents, mode=%s ==%n", mode);
                PoetryRelevance.Result judged = PoetryRelevance.evaluateRelated(layout.root().resolve(RELATED_QUERIES),
                    corpus, gateway, mode.equals(DEFAULT_MODE) ? null : mode);
                PoetryRelevance.print(judged, false);
                related.put(mode, judged);
            }
            for (String mode : MODES) {
                latency.put(mode, CorpusReads.searchLatency(gateway, poems, mode));
            }
            for (String mode : MODES) {
                PlatformCpu during = PlatformCpu.start(platform);
                latency.put(mode + NEW, CorpusReads.newQueriesLatency(gateway, poems, mode, newQueriesDraw(mode)));
                newQueryCpu.put(mode,
                    during.describePerRequest(CorpusReads.SEARCH_RATE * CorpusReads.SEARCH_SECONDS));
            }
            return new Result(poems.size(), imported.perSecond(), importCpu, importEmbeddingCpu, embedSeconds,
                embeddedPerSecond,
                relevance, seedRelevance, related, latency, newQueryCpu, partitioning,
                storeBytes(platform, BulkImportBenchmark.INDEX_ALIAS),
                storeBytes(platform, PASSAGES_ALIAS),
                memory.peak().bytesByProcess().getOrDefault(ServiceModule.SEARCH.module(), 0L));
        } finally {
            Directories.deleteRecursively(data);
            Files.deleteIfExists(ndjson);
        }
    }

    static int newQueriesDraw(String mode) {
        return mode.equals("semantic") ? SEMANTIC_DRAW : 0;
    }

    /**
     * search-service's settings: search by meaning on, its model on {@code threads} cores (0: the default), and no
     * partitioning run but the benchmark's (see above).
     */
    static Map<String, String> searchSettings(int threads) {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("wenku.search.semantic.enabled", "true",
            "wenku.search.semantic.partition-at", "0"));
        if (threads > 0) {
            settings.put("wenku.search.semantic.threads", Integer.toString(threads));
        }
        return settings;
    }

    /**
     * Partitions the passages through the gateway as {@code operator} and waits (at most
     * {@value #PARTITIONING_WAIT_MINUTES} minutes) until every passage is tagged, printing the progress.
     */
    private static Partitioned partition(String gateway, String operator) throws Exception {
        System.out.printf("%n== Partitioning the passages ==%n");
        long started = System.nanoTime();
        URI run = URI.create(gateway + "/api/search/embeddings/partitioning");
        HttpResponse<String> start = OpenLoop.HTTP.send(HttpRequest.newBuilder(run).header("Authorization", operator)
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (start.statusCode() != 202) {
            throw new IllegalStateException("Partitioning not started: " + start.statusCode() + " " + start.body());
        }
        long deadline = started + PARTITIONING_WAIT_MINUTES * 60_000_000_000L;
        String reported = "";
        while (System.nanoTime() < deadline) {
            JsonNode progress = JSON.readTree(OpenLoop.HTTP.send(HttpRequest.newBuilder(run)
                .header("Authorization", operator).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            String state = progress.path("state").asString();
            String line = format("%s: %,d of %,d passages tagged, %d partitions", state,
                progress.path("tagged").asLong(), progress.path("passages").asLong(),
                progress.path("partitions").asInt());
            if (!line.equals(reported)) {
                System.out.println(line);
                reported = line;
            }
            if ("DONE".equals(state)) {
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "Partitioned in %.0f s%n", seconds);
                return new Partitioned(progress.path("partitions").asInt(), progress.path("passages").asLong(),
                    seconds);
            }
            Thread.sleep(2_000);
        }
        throw new IllegalStateException("Partitioning not done within " + PARTITIONING_WAIT_MINUTES + " minutes");
    }

    /** Waits until the passages index has a document entry for each of the {@code documents} indexed. */
    private static void awaitEmbedded(LocalPlatform platform, long documents) throws Exception {
        long reported = -1;
        while (true) {
            long embedded = BulkImportBenchmark.count(platform, PASSAGES_ALIAS + "/_count?q=kind:document");
            if (embedded >= documents) {
                System.out.printf("%,d of %,d documents embedded%n", embedded, documents);
                return;
            }
            if (embedded / 5_000 != reported / 5_000) {
                System.out.printf("%,d of %,d documents embedded …%n", embedded, documents);
                reported = embedded;
            }
            Thread.sleep(5_000);
        }
    }

    /**
     * Waits (at most {@value #MERGE_WAIT_MINUTES} minutes) until the stage, idle, has had the passages index merged into
     * one segment (search-service's {@code wenku.search.semantic.merge-after}), so the searches below meet the index
     * a reader meets after a bulk load rather than a merge in progress.
     */
    private static void awaitMerged(LocalPlatform platform) throws Exception {
        long deadline = System.nanoTime() + MERGE_WAIT_MINUTES * 60_000_000_000L;
        Segments segments = segments(platform);
        while (!segments.merged() && System.nanoTime() < deadline) {
            Thread.sleep(5_000);
            segments = segments(platform);
        }
        System.out.println(segments.merging() ? "Passages index: a merge still running"
            : "Passages index in " + segments.count() + (segments.merged() ? " segment" : " segments (not merged yet)"));
    }

    /** The passages index's segments, and whether a merge of them is running. */
    private record Segments(int count, boolean merging) {

        boolean merged() {
            return count <= 1 && !merging;
        }
    }

    private static Segments segments(LocalPlatform platform) throws Exception {
        String elasticsearch = platform.infrastructure().elasticsearchUrl();
        OpenLoop.HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/" + PASSAGES_ALIAS + "/_refresh"))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        JsonNode stats = JSON.readTree(OpenLoop.HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/"
            + PASSAGES_ALIAS + "/_stats/segments,merge")).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        JsonNode primaries = stats.path("_all").path("primaries");
        return new Segments(primaries.path("segments").path("count").asInt(),
            primaries.path("merges").path("current").asInt() > 0);
    }

    /** The bytes the primaries of the index behind {@code alias} take on disk, after a refresh. */
    private static long storeBytes(LocalPlatform platform, String alias) throws Exception {
        String elasticsearch = platform.infrastructure().elasticsearchUrl();
        OpenLoop.HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/" + alias + "/_refresh"))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        JsonNode stats = JSON.readTree(OpenLoop.HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/"
            + alias + "/_stats/store")).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        return stats.path("_all").path("primaries").path("store").path("size_in_bytes").asLong();
    }

    static void print(Result r) {
        System.out.printf(Locale.ROOT, "%nSearch by meaning over %,d poems: import %.0f documents/s with the stage"
                + " running (platform CPU %.0f %%, the stage's %.0f %% of the machine); the stage caught up %.0f s"
                + " after the import (%.0f documents/s over the run)%n", r.poems(), r.importPerSecond(),
            100 * r.importCpu(), 100 * r.importEmbeddingCpu(), r.embedSeconds(), r.embeddedPerSecond());
        printRelevance("poems", r.relevance(), MODES);
        printRelevance(SEED_ESSAYS, r.seedRelevance(), MODES);
        printRelevance("related documents", r.related(), relatedModes());
        System.out.printf("%nSearch through the gateway, %d/s for %d s (milliseconds; -new: every query new):%n",
            CorpusReads.SEARCH_RATE, CorpusReads.SEARCH_SECONDS);
        LatencyStats.printHeader("mode", 12);
        r.latency().forEach((mode, stats) -> stats.print(mode, 12));
        System.out.printf("%nThe platform's CPU per search, every query new (each process's CPU during the run over the"
            + " searches sent):%n");
        r.newQueryCpu().forEach((mode, cpu) -> System.out.printf("  %-8s %s%n", mode, cpu));
        System.out.printf(Locale.ROOT, "%nPassages partitioned into %d partitions (%,d passages) in %.0f s; the figures"
                + " above but %s with the partitions%n", r.partitioning().partitions(), r.partitioning().passages(),
            r.partitioning().seconds(), UNPARTITIONED);
        System.out.printf(Locale.ROOT, "%nDocuments index %.1f MiB, passages index %.1f MiB; search-service peak RSS"
                + " %.0f MiB%n", r.documentsIndexBytes() / 1048576.0, r.passagesIndexBytes() / 1048576.0,
            r.searchServicePeakRss() / 1048576.0);
    }

    private static void printRelevance(String corpus, Map<String, PoetryRelevance.Result> relevance,
                                       List<String> modes) {
        System.out.printf("%n%-30s %-10s %8s %8s   (%s)%n", "kind", "mode", "MRR@10", "nDCG@10", corpus);
        for (String kind : kinds(relevance)) {
            for (String mode : modes) {
                PoetryRelevance.Means means = means(relevance, mode, kind);
                System.out.printf(Locale.ROOT, "%-30s %-10s %8.3f %8.3f%n", kind, mode, means.mrr(), means.ndcg());
            }
        }
    }

    /**
     * The suite's rows: for each kind, the three modes' MRR@10 / nDCG@10 with hybrid ≥ lexical as the target (and
     * ≥ lexical + {@value #MEANING_GAIN_TARGET} nDCG@10 for paraphrases and questions); hybrid p99 against twice the
     * lexical p99; the costs as figures.
     */
    static SuiteTable addRows(SuiteTable table, Result r) {
        relevanceRows(table, r.relevance(), format("%,d poems", r.poems()));
        relevanceRows(table, r.seedRelevance(), format("%s among %,d poems", SEED_ESSAYS, r.poems()));
        relatedRows(table, r.related());
        LatencyStats lexical = r.latency().get("lexical");
        LatencyStats hybrid = r.latency().get("hybrid");
        LatencyStats semanticNew = r.latency().get("semantic" + NEW);
        LatencyStats lexicalNew = r.latency().get("lexical" + NEW);
        LatencyStats hybridNew = r.latency().get("hybrid" + NEW);
        table.add(format("hybrid search p99 through the gateway at %d/s, against lexical (200 queries repeated)",
                    CorpusReads.SEARCH_RATE),
                format("%.1f ms (lexical %.1f ms)", hybrid.p99(), lexical.p99()),
                format("≤ %.0f× lexical", HYBRID_P99_FACTOR), hybrid.p99() <= HYBRID_P99_FACTOR * lexical.p99())
            .add(format("hybrid search p99 at %d/s, every query new, against lexical", CorpusReads.SEARCH_RATE),
                format("%.1f ms (lexical %.1f ms)", hybridNew.p99(), lexicalNew.p99()),
                format("≤ %.0f× lexical", HYBRID_P99_FACTOR),
                hybridNew.p99() <= HYBRID_P99_FACTOR * lexicalNew.p99())
            .add(format("the platform's CPU per search at %d/s, every query new, by process: lexical; hybrid",
                    CorpusReads.SEARCH_RATE),
                format("%s; %s", r.newQueryCpu().get("lexical"), r.newQueryCpu().get("hybrid")))
            .add(format("before partitioning (every passage compared): hybrid search p50 / p99 at %d/s, every query"
                    + " new; its CPU per search", CorpusReads.SEARCH_RATE),
                format("%.1f / %.1f ms; %s", r.latency().get(UNPARTITIONED).p50(), r.latency().get(UNPARTITIONED).p99(),
                    r.newQueryCpu().get(UNPARTITIONED)))
            .add("partitioning the passages (k-means on a sample, then every passage tagged)",
                format("%d partitions of %,d passages in %.0f s", r.partitioning().partitions(),
                    r.partitioning().passages(), r.partitioning().seconds()))
            .add(format("semantic (kNN) search p50 / p99 at %d/s, every query new; its CPU per search",
                    CorpusReads.SEARCH_RATE),
                format("%.1f / %.1f ms; %s", semanticNew.p50(), semanticNew.p99(), r.newQueryCpu().get("semantic")))
            .add("bulk import with the embedding stage running: rate, platform CPU (the stage's share of the machine);"
                    + " the stage's catch-up after it",
                format("%.0f documents/s, CPU %.0f %% (stage %.0f %%); %.0f s (%.0f documents/s over the run)",
                    r.importPerSecond(), 100 * r.importCpu(), 100 * r.importEmbeddingCpu(), r.embedSeconds(),
                    r.embeddedPerSecond()))
            .add("documents index / passages index (vectors) on disk",
                format("%.1f / %.1f MiB", r.documentsIndexBytes() / 1048576.0, r.passagesIndexBytes() / 1048576.0))
            .add("search-service peak resident memory with the embedding model",
                format("%.0f MiB", r.searchServicePeakRss() / 1048576.0));
        return table;
    }

    private static void relevanceRows(SuiteTable table, Map<String, PoetryRelevance.Result> relevance,
                                      String corpus) {
        for (String kind : kinds(relevance)) {
            PoetryRelevance.Means lexical = means(relevance, "lexical", kind);
            PoetryRelevance.Means semantic = means(relevance, "semantic", kind);
            PoetryRelevance.Means hybrid = means(relevance, "hybrid", kind);
            boolean meaning = JudgedQueries.MEANING_KINDS.contains(kind);
            double needed = lexical.ndcg() + (meaning ? MEANING_GAIN_TARGET : 0);
            table.add(format("nDCG@10 lexical / semantic / hybrid (MRR@10 hybrid), %d %s queries, %s",
                    hybrid.queries(), kind, corpus),
                format("%.3f / %.3f / %.3f (%.3f)", lexical.ndcg(), semantic.ndcg(), hybrid.ndcg(), hybrid.mrr()),
                meaning ? format("hybrid ≥ lexical + %.1f", MEANING_GAIN_TARGET) : "hybrid ≥ lexical",
                hybrid.ndcg() >= needed);
        }
    }

    /**
     * Related documents: per kind, each mode's nDCG@10 and the default's, as figures; over every kind, the default
     * (what the reading view shows) against the best mode, which is its target: vectors are used where they beat
     * more-like-this, and only there.
     */
    private static void relatedRows(SuiteTable table, Map<String, PoetryRelevance.Result> related) {
        for (String kind : kinds(related)) {
            table.add(format("related documents nDCG@10 lexical / semantic / hybrid (default), %d %s documents read",
                    means(related, "hybrid", kind).queries(), kind),
                format("%.3f / %.3f / %.3f (%.3f)", means(related, "lexical", kind).ndcg(),
                    means(related, "semantic", kind).ndcg(), means(related, "hybrid", kind).ndcg(),
                    means(related, DEFAULT_MODE, kind).ndcg()));
        }
        double best = MODES.stream().mapToDouble(mode -> related.get(mode).knownItem().ndcg()).max().orElse(0);
        double byDefault = related.get(DEFAULT_MODE).knownItem().ndcg();
        table.add(format("related documents nDCG@10 lexical / semantic / hybrid (default), all %d documents read",
                related.get(DEFAULT_MODE).knownItem().queries()),
            format("%.3f / %.3f / %.3f (%.3f)", related.get("lexical").knownItem().ndcg(),
                related.get("semantic").knownItem().ndcg(), related.get("hybrid").knownItem().ndcg(), byDefault),
            "default ≥ the best mode", byDefault >= best);
    }

    private static List<String> relatedModes() {
        List<String> modes = new ArrayList<>(MODES);
        modes.add(DEFAULT_MODE);
        return modes;
    }

    private static List<String> kinds(Map<String, PoetryRelevance.Result> relevance) {
        List<String> kinds = new ArrayList<>();
        relevance.get("hybrid").byKind().forEach(means -> kinds.add(means.group()));
        return kinds;
    }

    private static PoetryRelevance.Means means(Map<String, PoetryRelevance.Result> relevance, String mode,
                                               String kind) {
        return relevance.get(mode).byKind().stream().filter(m -> m.group().equals(kind)).findFirst()
            .orElse(new PoetryRelevance.Means(kind, 0, 0, 0));
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
