package dev.wenku.benchmarks;

import dev.wenku.analysis.engine.AnalysisEngine;
import dev.wenku.analysis.engine.DocumentAnalysis;
import dev.wenku.analysis.engine.InMemoryCorpusStatistics;
import dev.wenku.benchmarks.PoetryCorpus.Poem;
import dev.wenku.analysis.pipeline.DocumentAnalyzer;
import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentIngested;
import dev.wenku.text.SimplifiedScript;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reference (a) of the bulk import benchmark: how fast analysis-service's engine analyses poems of the import
 * in-process, on one thread, with no Kafka, Elasticsearch or PostgreSQL around it. Times a core's worth of the
 * pipeline's heaviest stage, so the end-to-end rate can be set against what the machine's cores could analyse.
 *
 * <p>Each poem gets what {@code DocumentAnalyzer} gives a document: Simplified script of title and body, then
 * {@link AnalysisEngine#analyze} with the corpus statistics so far, whose document frequencies then take its terms.
 * {@code DocumentAnalyzer} itself needs the service's Kafka-backed corpus store, hence the few lines mirrored here.
 * The analysed events are kept: they are reference (b)'s documents ({@link IndexerBenchmark#rawBulkIntoScratchIndex}).
 */
final class PoemAnalysis {

    /** Poems analysed per second on one thread, and their analysed events (ids {@code import-raw-<n>}). */
    record Measured(int poems, double perSecond, List<DocumentAnalyzed> events) {
    }

    private PoemAnalysis() {
    }

    /**
     * Analyses {@code sample} once to warm the JIT up (discarded, so the engine's code is compiled before the clock
     * runs), then again, timed.
     */
    static Measured measure(List<Poem> sample) {
        AnalysisEngine engine = AnalysisEngine.defaults();
        analyzeAll(engine, sample, "warm-up-");
        long start = System.nanoTime();
        List<DocumentAnalyzed> events = analyzeAll(engine, sample, "import-raw-");
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Measured(sample.size(), sample.size() / seconds, events);
    }

    /** The analysed events of {@code poems} (ids {@code poem-<n>}), analysed once, untimed. */
    static List<DocumentAnalyzed> events(List<Poem> poems) {
        return analyzeAll(AnalysisEngine.defaults(), poems, "poem-");
    }

    /** Every {@code size / count}-th poem, so a sample of the whole corpus has Tang and Song poems alike. */
    static List<Poem> sample(List<Poem> poems, int count) {
        int size = Math.min(count, poems.size());
        List<Poem> sample = new ArrayList<>(size);
        for (int n = 0; n < size; n++) {
            sample.add(poems.get((int) ((long) n * poems.size() / size)));
        }
        return sample;
    }

    private static List<DocumentAnalyzed> analyzeAll(AnalysisEngine engine, List<Poem> poems, String idPrefix) {
        InMemoryCorpusStatistics statistics = new InMemoryCorpusStatistics();
        List<DocumentAnalyzed> events = new ArrayList<>(poems.size());
        for (int n = 0; n < poems.size(); n++) {
            events.add(analyze(engine, statistics, poems.get(n), idPrefix + n));
        }
        return events;
    }

    private static DocumentAnalyzed analyze(AnalysisEngine engine, InMemoryCorpusStatistics statistics, Poem poem,
                                            String id) {
        String simplifiedTitle = SimplifiedScript.of(poem.title());
        String simplifiedBody = SimplifiedScript.of(poem.body());
        DocumentAnalysis analysis = engine.analyze(simplifiedTitle, simplifiedBody, statistics);
        statistics.add(analysis.terms());
        Instant now = Instant.now();
        DocumentIngested document = DocumentIngested.of(id, 1, poem.title(), poem.body(), poem.file(),
            List.of(PoemImport.tag(poem)), now);
        return DocumentAnalyzer.event(document, simplifiedTitle, simplifiedBody, analysis, now);
    }
}
