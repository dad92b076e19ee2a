package dev.wenku.benchmarks;

import dev.wenku.analysis.engine.AnalysisEngine;
import dev.wenku.analysis.engine.CorpusStatistics;
import dev.wenku.analysis.engine.DocumentAnalysis;
import dev.wenku.analysis.engine.InMemoryCorpusStatistics;
import dev.wenku.analysis.engine.ThemeScore;
import dev.wenku.analysis.engine.WeightedTerm;
import dev.wenku.benchmarks.SeedEssays.SimplifiedEssay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Quality of the analysis engine on the seed corpus against the hand-written gold file {@code evaluation/gold.json}:
 * per essay, precision@10 of the keywords (how many of the ten keywords the gold list has), and the precision and
 * recall of the themes the engine gives the essay (how many of them the gold list has; how many of the gold themes it
 * gives), then the averages.
 *
 * <p>Corpus statistics are what the pipeline has after loading the seed: the document frequencies of the five
 * essays' terms. A second table shows the same with an empty corpus (the first document ever analysed).
 *
 * <p>Arguments (optional): {@code [gold.json] [seed.txt]}, paths relative to the working directory.
 */
public final class AnalysisEvaluation {

    private static final int K = 10;
    /** Issue target: keyword precision@10 on the project's judged set. */
    static final double KEYWORD_PRECISION_TARGET = 0.85;

    private AnalysisEvaluation() {
    }

    record Gold(List<String> keywords, List<String> themes) {
    }

    record Score(String title, double precision, double themePrecision, double themeRecall, List<String> hits,
                 List<String> misses, List<String> predictedThemes) {
    }

    public static void main(String[] args) throws IOException {
        Path goldPath = args.length > 0 ? Path.of(args[0]) : SeedEssays.locate("evaluation/gold.json");
        Path seedPath = args.length > 1 ? Path.of(args[1]) : SeedEssays.locate(SeedEssays.DEFAULT_SEED);
        Map<String, Gold> gold = readGold(goldPath);
        List<SimplifiedEssay> essays = SeedEssays.load(seedPath);
        AnalysisEngine engine = AnalysisEngine.defaults();

        CorpusStatistics corpus = seedCorpus(engine, essays);
        System.out.println("Analysis engine vs " + goldPath.getFileName() + " on " + seedPath.getFileName()
            + " (" + essays.size() + " essays)");
        System.out.println();
        System.out.println("With corpus statistics of the " + essays.size() + " essays:");
        List<Score> scores = evaluate(engine, essays, gold, corpus, true);
        print(scores);
        System.out.println();
        System.out.println("With an empty corpus (fallback: term frequency and TextRank only):");
        print(evaluate(engine, essays, gold, CorpusStatistics.EMPTY, false));
    }

    /** The averages over the seed's essays, with the corpus statistics of the seed, as the suite reports them. */
    record Averages(int essays, double precision, double themePrecision, double themeRecall) {

        static Averages of(List<Score> scores) {
            int n = Math.max(1, scores.size());
            return new Averages(scores.size(), scores.stream().mapToDouble(Score::precision).sum() / n,
                scores.stream().mapToDouble(Score::themePrecision).sum() / n,
                scores.stream().mapToDouble(Score::themeRecall).sum() / n);
        }
    }

    /** The averages against the gold file, quietly: the figures of the suite's table. */
    static Averages measure() throws IOException {
        Map<String, Gold> gold = readGold(SeedEssays.locate("evaluation/gold.json"));
        List<SimplifiedEssay> essays = SeedEssays.load(SeedEssays.locate(SeedEssays.DEFAULT_SEED));
        AnalysisEngine engine = AnalysisEngine.defaults();
        return Averages.of(evaluate(engine, essays, gold, seedCorpus(engine, essays), false));
    }

    static SuiteTable addRows(SuiteTable table, Averages averages) {
        return table.add(String.format(Locale.ROOT, "keyword precision@10 on the %d seed essays against"
                    + " evaluation/gold.json", averages.essays()),
                String.format(Locale.ROOT, "%.2f", averages.precision()),
                String.format(Locale.ROOT, "≥ %.2f", KEYWORD_PRECISION_TARGET),
                averages.precision() >= KEYWORD_PRECISION_TARGET)
            .add("theme precision / recall on the seed essays against evaluation/gold.json",
                String.format(Locale.ROOT, "%.2f / %.2f", averages.themePrecision(), averages.themeRecall()));
    }

    /** The document frequencies the pipeline has after loading the seed's essays. */
    private static CorpusStatistics seedCorpus(AnalysisEngine engine, List<SimplifiedEssay> essays) {
        InMemoryCorpusStatistics corpus = new InMemoryCorpusStatistics();
        for (SimplifiedEssay essay : essays) {
            corpus.add(engine.analyze(essay.title(), essay.body(), CorpusStatistics.EMPTY).terms());
        }
        return corpus;
    }

    static List<Score> evaluate(AnalysisEngine engine, List<SimplifiedEssay> essays, Map<String, Gold> gold,
                                CorpusStatistics corpus, boolean verbose) {
        List<Score> scores = new ArrayList<>();
        for (SimplifiedEssay essay : essays) {
            Gold expected = gold.get(essay.title());
            if (expected == null) {
                System.out.println("  (no gold entry for '" + essay.title() + "', skipped)");
                continue;
            }
            DocumentAnalysis analysis = engine.analyze(essay.title(), essay.body(), corpus);
            List<String> keywords = analysis.keywords().stream().map(WeightedTerm::term).limit(K).toList();
            List<String> hits = keywords.stream().filter(expected.keywords()::contains).toList();
            List<String> misses = keywords.stream().filter(k -> !expected.keywords().contains(k)).toList();
            List<String> predicted = analysis.themes().stream().map(ThemeScore::id).toList();
            long agreed = expected.themes().stream().filter(predicted::contains).count();
            scores.add(new Score(essay.title(), hits.size() / (double) K,
                predicted.isEmpty() ? 0 : agreed / (double) predicted.size(),
                agreed / (double) expected.themes().size(), hits, misses, predicted));
            if (verbose) {
                System.out.println("  " + essay.title());
                System.out.println("    keywords:   " + analysis.keywords().stream()
                    .map(k -> k.term() + String.format(Locale.ROOT, " %.2f", k.weight())).toList());
                System.out.println("    not in gold: " + misses);
                System.out.println("    themes:     " + analysis.themes().stream()
                    .map(t -> t.id() + String.format(Locale.ROOT, " %.3f", t.score())).toList()
                    + "  gold: " + expected.themes());
                System.out.println("    phrases:    " + analysis.keyPhrases());
            }
        }
        return scores;
    }

    private static void print(List<Score> scores) {
        System.out.printf(Locale.ROOT, "  %12s %15s %12s  %s%n", "precision@10", "theme precision", "theme recall",
            "essay");
        for (Score score : scores) {
            System.out.printf(Locale.ROOT, "  %12.2f %15.2f %12.2f  %s%n", score.precision(), score.themePrecision(),
                score.themeRecall(), score.title());
        }
        Averages averages = Averages.of(scores);
        System.out.printf(Locale.ROOT, "  %12.2f %15.2f %12.2f  %s%n", averages.precision(), averages.themePrecision(),
            averages.themeRecall(), "average");
    }

    static Map<String, Gold> readGold(Path path) throws IOException {
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(path, StandardCharsets.UTF_8));
        Map<String, Gold> gold = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> essay : root.get("essays").properties()) {
            List<String> keywords = new ArrayList<>();
            essay.getValue().get("keywords").forEach(k -> keywords.add(k.asString()));
            List<String> themes = new ArrayList<>();
            essay.getValue().get("themes").forEach(t -> themes.add(t.asString()));
            gold.put(essay.getKey(), new Gold(List.copyOf(keywords), List.copyOf(themes)));
        }
        return gold;
    }
}
