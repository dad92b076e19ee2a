package dev.wenku.benchmarks;

import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.search.SearchProperties;
import dev.wenku.search.semantic.Passage;
import dev.wenku.search.semantic.PassageEmbedder;
import dev.wenku.search.semantic.Passages;
import dev.wenku.text.SimplifiedScript;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code ./wenku bench embedding [--limit=N]}: what the embedding stage costs, as search-service runs it (its default
 * passage length): passages per second, milliseconds and CPU milliseconds per passage, for the first {@code N} poems
 * of the real corpus (400 by default), the seed's essays and the judged set's queries
 * ({@code evaluation/poetry-queries.tsv}, embedded as a reader's query is), on one ONNX Runtime thread and on every
 * core ({@code wenku.search.semantic.threads}), and what embedding the whole poetry corpus would take at the one
 * thread's rate. The CPU per passage shows what a thread more costs: idle ONNX Runtime threads spinning between queries
 * once took four times a query's work ({@link PassageEmbedder}); the queries are embedded 10 ms apart, as readers'
 * arrive, the passages back to back, as the stage embeds them. The model is warmed up first; nothing else runs.
 */
public final class EmbeddingBenchmark {

    private static final int DEFAULT_POEMS = 400;
    private static final int WARM_UP = 30;
    /** Readers' queries arrive apart (50 a second are 20 ms apart), and the model's threads idle between them. */
    private static final long QUERY_GAP_MILLIS = 10;
    private static final String JUDGED_QUERIES = "evaluation/poetry-queries.tsv";

    private EmbeddingBenchmark() {
    }

    /** Passages of one kind of text embedded in a timed run on {@code threads} ONNX Runtime threads. */
    record Rate(String texts, int threads, int documents, int passages, double meanCharacters, double seconds,
                double cpuSeconds) {

        double passagesPerSecond() {
            return passages / seconds;
        }

        double millisecondsPerPassage() {
            return seconds * 1000 / passages;
        }

        /** The process's CPU time per passage: the work, and any threads that spin while they wait. */
        double cpuMillisecondsPerPassage() {
            return cpuSeconds * 1000 / passages;
        }

        /** The process's CPU time over the wall time: shows the run kept to the cores it was given. */
        double coresUsed() {
            return cpuSeconds / seconds;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int limit = DEFAULT_POEMS;
        for (String arg : args) {
            if (!arg.startsWith("--limit=")) {
                System.err.println("Usage: ./wenku bench embedding [--limit=N]");
                System.exit(2);
            }
            limit = Integer.parseInt(arg.substring("--limit=".length()));
        }
        int characters = SearchProperties.defaults().semantic().passageCharacters();
        List<String> poems = new ArrayList<>();
        int wanted = limit;
        PoetryCorpus.forEach(poem -> {
            if (poems.size() < wanted) {
                poems.add(SimplifiedScript.of(poem.title() + "\n" + poem.body()));
            }
        });
        List<String> essays = SeedEssays.load(SeedEssays.locate(SeedEssays.DEFAULT_SEED)).stream()
            .map(essay -> essay.title() + "\n" + essay.body()).toList();
        List<String> queries = JudgedQueries.load(ProjectLayout.locate().root().resolve(JUDGED_QUERIES)).stream()
            .map(query -> SimplifiedScript.of(query.query())).toList();
        int cores = Runtime.getRuntime().availableProcessors();
        List<Rate> rates = new ArrayList<>();
        for (int threads : cores > 1 ? List.of(1, cores) : List.of(1)) {
            try (PassageEmbedder embedder = new PassageEmbedder(threads)) {
                for (int i = 0; i < WARM_UP; i++) {
                    embedder.passage(poems.get(i % poems.size()));
                }
                rates.add(measure(embedder::passage, threads, "poems of " + PoetryCorpus.PACKAGE, poems,
                    characters, 0));
                rates.add(measure(embedder::passage, threads, "seed essays", essays, characters, 0));
                rates.add(measure(embedder::query, threads, "queries of " + JUDGED_QUERIES + ", 10 ms apart",
                    queries, characters, QUERY_GAP_MILLIS));
            }
        }
        System.out.printf(Locale.ROOT, "Embedding stage (BGE small zh v1.5, passages of at most %d characters)%n%n"
            + "%-55s %7s %9s %9s %10s %11s %11s %11s %10s%n", characters, "texts", "threads", "documents", "passages",
            "mean chars", "passages/s", "ms/passage", "CPU ms/p.", "cores used");
        for (Rate rate : rates) {
            System.out.printf(Locale.ROOT, "%-55s %7d %9d %9d %10.0f %11.1f %11.2f %11.2f %10.2f%n", rate.texts(),
                rate.threads(), rate.documents(), rate.passages(), rate.meanCharacters(), rate.passagesPerSecond(),
                rate.millisecondsPerPassage(), rate.cpuMillisecondsPerPassage(), rate.coresUsed());
        }
        Rate poemRate = rates.getFirst();
        double passagesPerPoem = (double) poemRate.passages() / poemRate.documents();
        System.out.printf(Locale.ROOT, "%nThe whole poetry corpus (%,d poems, %.2f passages each): %.1f core-hours"
            + " at one thread's rate%n", PoetryCorpus.POEMS, passagesPerPoem,
            PoetryCorpus.POEMS * passagesPerPoem / poemRate.passagesPerSecond() / 3600);
    }

    /**
     * {@code texts} cut into passages and embedded by {@code model}, {@code gapMillis} apart (the gaps are not counted
     * in the time, but the CPU any thread spends in them is).
     */
    private static Rate measure(Function<String, float[]> model, int threads, String name, List<String> texts,
                                int characters, long gapMillis) throws InterruptedException {
        List<Passage> passages = texts.stream().flatMap(text -> Passages.of(text, characters).stream()).toList();
        long cpuStarted = cpuNanos();
        long nanos = 0;
        for (Passage passage : passages) {
            long started = System.nanoTime();
            model.apply(passage.text());
            nanos += System.nanoTime() - started;
            if (gapMillis > 0) {
                Thread.sleep(gapMillis);
            }
        }
        double seconds = nanos / 1e9;
        double cpuSeconds = (cpuNanos() - cpuStarted) / 1e9;
        double meanCharacters = passages.stream().mapToInt(p -> p.text().length()).average().orElse(0);
        return new Rate(name, threads, texts.size(), passages.size(), meanCharacters, seconds, cpuSeconds);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }
}
