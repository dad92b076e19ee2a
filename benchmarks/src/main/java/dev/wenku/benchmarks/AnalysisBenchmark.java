package dev.wenku.benchmarks;

import dev.wenku.analysis.engine.AnalysisEngine;
import dev.wenku.analysis.engine.CorpusStatistics;
import dev.wenku.analysis.engine.DocumentAnalysis;
import dev.wenku.analysis.engine.InMemoryCorpusStatistics;
import dev.wenku.benchmarks.SeedEssays.SimplifiedEssay;
import java.util.ArrayList;
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
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
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

    /** Both throughputs (operations per second) of one essay. */
    record Throughputs(String essay, double analysis, double analysisError, double segmentation, double segmentationError) {

        double ratio() {
            return analysis / segmentation;
        }
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        List<Throughputs> results = run(new OptionsBuilder().parent(new CommandLineOptions(args)));
        System.out.println();
        for (Throughputs result : results) {
            System.out.printf(Locale.ROOT, "essay %s: full analysis %.1f ± %.1f ops/s, bare segmentation %.1f ± %.1f ops/s%n",
                result.essay(), result.analysis(), result.analysisError(), result.segmentation(),
                result.segmentationError());
            System.out.printf(Locale.ROOT, "analysis/segmentation ratio: %.2f (target ≥ 0.50)%n", result.ratio());
        }
    }

    /** Runs both benchmarks with {@code options} (the annotations' settings where they set nothing). */
    static List<Throughputs> run(ChainedOptionsBuilder options) throws RunnerException {
        Collection<RunResult> runs = new Runner(options.include(AnalysisBenchmark.class.getName() + "\\.").build()).run();
        Map<String, Map<String, Result<?>>> byEssay = new TreeMap<>();
        for (RunResult run : runs) {
            String method = run.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            byEssay.computeIfAbsent(run.getParams().getParam("essay"), e -> new TreeMap<>())
                .put(method, run.getPrimaryResult());
        }
        List<Throughputs> results = new ArrayList<>();
        byEssay.forEach((essay, methods) -> {
            Result<?> analysis = methods.get("analyze");
            Result<?> segmentation = methods.get("segment");
            if (analysis != null && segmentation != null) {
                results.add(new Throughputs(essay, analysis.getScore(), analysis.getScoreError(), segmentation.getScore(),
                    segmentation.getScoreError()));
            }
        });
        return results;
    }
}
