package dev.wenku.benchmarks;

import dev.wenku.analysis.engine.AnalysisEngine;
import dev.wenku.analysis.engine.CorpusStatistics;
import dev.wenku.analysis.engine.DocumentAnalysis;
import dev.wenku.analysis.engine.InMemoryCorpusStatistics;
import dev.wenku.benchmarks.SeedEssays.SimplifiedEssay;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Full analysis of a seed essay against bare segmentation of the same text, by the same engine.
 *
 * <p>{@link #analyze} is {@link AnalysisEngine#analyze} with the corpus statistics of the five seed essays (keywords,
 * key phrases, summary, entities, themes, pinyin, terms). {@link #segment} is {@link AnalysisEngine#segment} of the
 * title and of the body: the same HanLP segmenter, user dictionary and configuration (person-name recognition on,
 * part-of-speech tags) that the analysis runs once per document, i.e. the one pass the pipeline really does. The target
 * is an analysis at least half as fast as the segmentation alone.
 *
 * <p>{@link #main} runs both (2 forks × 3 warm-up × 5 measured iterations of 2 s) and prints the throughputs and the
 * ratio; JMH command-line options may be added (e.g. {@code -p essay=1,3,5} or {@code -f 1}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AnalysisBenchmark {

    /** Which seed essay (1–5); essay 1 is the longest (~3,700 characters). */
    @Param({"1"})
    public int essay;

    private AnalysisEngine engine;
    private CorpusStatistics corpus;
    private String title;
    private String body;

    @Setup
    public void setUp() {
        List<SimplifiedEssay> essays = SeedEssays.load(SeedEssays.locate(SeedEssays.DEFAULT_SEED));
        engine = AnalysisEngine.defaults();
        InMemoryCorpusStatistics statistics = new InMemoryCorpusStatistics();
        for (SimplifiedEssay e : essays) {
            statistics.add(engine.analyze(e.title(), e.body(), CorpusStatistics.EMPTY).terms());
        }
        corpus = statistics;
        title = essays.get(essay - 1).title();
        body = essays.get(essay - 1).body();
    }

    @Benchmark
    public DocumentAnalysis analyze() {
        return engine.analyze(title, body, corpus);
    }

    @Benchmark
    public void segment(Blackhole blackhole) {
        blackhole.consume(engine.segment(title));
        blackhole.consume(engine.segment(body));
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new OptionsBuilder()
            .parent(new CommandLineOptions(args))
            .include(AnalysisBenchmark.class.getName() + "\\.")
            .build();
        Collection<RunResult> results = new Runner(options).run();

        Map<String, Map<String, Result<?>>> byEssay = new TreeMap<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            String essay = result.getParams().getParam("essay");
            byEssay.computeIfAbsent(essay, e -> new TreeMap<>()).put(method, result.getPrimaryResult());
        }
        System.out.println();
        for (Map.Entry<String, Map<String, Result<?>>> entry : byEssay.entrySet()) {
            Result<?> analysis = entry.getValue().get("analyze");
            Result<?> segmentation = entry.getValue().get("segment");
            if (analysis == null || segmentation == null) {
                continue;
            }
            System.out.printf(Locale.ROOT, "essay %s: full analysis %.1f ± %.1f %s, bare segmentation %.1f ± %.1f %s%n",
                entry.getKey(), analysis.getScore(), analysis.getScoreError(), analysis.getScoreUnit(),
                segmentation.getScore(), segmentation.getScoreError(), segmentation.getScoreUnit());
            System.out.printf(Locale.ROOT, "analysis/segmentation ratio: %.2f (target ≥ 0.50)%n",
                analysis.getScore() / segmentation.getScore());
        }
    }
}
