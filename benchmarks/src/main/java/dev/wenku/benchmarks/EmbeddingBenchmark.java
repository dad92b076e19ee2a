package dev.wenku.benchmarks;

import dev.wenku.search.SearchProperties;
import dev.wenku.search.semantic.Passage;
import dev.wenku.search.semantic.PassageEmbedder;
import dev.wenku.search.semantic.Passages;
import dev.wenku.text.SimplifiedScript;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./wenku bench embedding [--limit=N]}: what the embedding stage costs, on one core, as search-service runs it
 * (its default passage length and one ONNX thread): passages per second and milliseconds per passage, for the first
 * {@code N} poems of the real corpus (400 by default) and for the seed's essays, and what embedding the whole poetry
 * corpus would take at that rate. The model is warmed up first; nothing else runs.
 */
public final class EmbeddingBenchmark {

    private static final int DEFAULT_POEMS = 400;
    private static final int WARM_UP = 30;

    private EmbeddingBenchmark() {
    }

    /** Passages of one kind of text embedded in a timed run. */
    record Rate(String texts, int documents, int passages, double meanCharacters, double seconds, double cpuSeconds) {

        double passagesPerSecond() {
            return passages / seconds;
        }

        double millisecondsPerPassage() {
            return seconds * 1000 / passages;
        }

        /** The process's CPU time over the wall time: shows the run kept to the one core it was given. */
        double coresUsed() {
            return cpuSeconds / seconds;
        }
    }

    public static void main(String[] args) {
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

        try (PassageEmbedder embedder = new PassageEmbedder(1)) {
            for (int i = 0; i < WARM_UP; i++) {
                embedder.passage(poems.get(i % poems.size()));
            }
            Rate poemRate = measure(embedder, "poems of " + PoetryCorpus.PACKAGE, poems, characters);
            Rate essayRate = measure(embedder, "seed essays", essays, characters);
            System.out.printf(Locale.ROOT, "Embedding stage on one core (BGE small zh v1.5, passages of at most %d"
                + " characters)%n%n%-50s %9s %9s %10s %11s %11s %10s%n", characters, "texts", "documents",
                "passages", "mean chars", "passages/s", "ms/passage", "cores used");
            for (Rate rate : List.of(poemRate, essayRate)) {
                System.out.printf(Locale.ROOT, "%-50s %9d %9d %10.0f %11.1f %11.1f %10.2f%n", rate.texts(),
                    rate.documents(), rate.passages(), rate.meanCharacters(), rate.passagesPerSecond(),
                    rate.millisecondsPerPassage(), rate.coresUsed());
            }
            double passagesPerPoem = (double) poemRate.passages() / poemRate.documents();
            System.out.printf(Locale.ROOT, "%nThe whole poetry corpus (%,d poems, %.2f passages each): %.1f core-hours"
                + " at this rate%n", PoetryCorpus.POEMS, passagesPerPoem,
                PoetryCorpus.POEMS * passagesPerPoem / poemRate.passagesPerSecond() / 3600);
        }
    }

    private static Rate measure(PassageEmbedder embedder, String name, List<String> texts, int characters) {
        List<Passage> passages = texts.stream().flatMap(text -> Passages.of(text, characters).stream()).toList();
        long cpuStarted = cpuNanos();
        long started = System.nanoTime();
        for (Passage passage : passages) {
            embedder.passage(passage.text());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (cpuNanos() - cpuStarted) / 1e9;
        double meanCharacters = passages.stream().mapToInt(p -> p.text().length()).average().orElse(0);
        return new Rate(name, texts.size(), passages.size(), meanCharacters, seconds, cpuSeconds);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }
}
