package dev.wenku.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SemanticBenchmarkTest {

    @Test
    void theSuiteRowsJudgeHybridAgainstLexicalForRepeatedAndForNewQueries() {
        Map<String, PoetryRelevance.Result> relevance = Map.of(
            "lexical", judged(1.0, 0.0), "semantic", judged(0.5, 0.6), "hybrid", judged(1.0, 0.6));
        Map<String, LatencyStats> latency = Map.of(
            "lexical", latency(30), "semantic", latency(90), "hybrid", latency(55),
            "lexical-new", latency(20), "semantic-new", latency(70), "hybrid-new", latency(95),
            SemanticBenchmark.UNPARTITIONED, latency(160));
        Map<String, PoetryRelevance.Result> seed = Map.of(
            "lexical", judged(1.0, 0.5), "semantic", judged(0.2, 0.6), "hybrid", judged(1.0, 0.6));
        Map<String, PoetryRelevance.Result> related = Map.of("lexical", judged(0.9, 0.3), "semantic",
            judged(0.5, 0.5), "hybrid", judged(0.8, 0.5), "default", judged(0.9, 0.3));
        SemanticBenchmark.Result result = new SemanticBenchmark.Result(57_607, 190, 0.93, 0.31, 551, 67, relevance,
            seed, related, latency, Map.of("lexical", "10.2 ms: elasticsearch 4.1", "hybrid",
                "27.9 ms: elasticsearch 16.3", "semantic", "21.5 ms: elasticsearch 14.0",
                SemanticBenchmark.UNPARTITIONED, "35.0 ms: elasticsearch 22.0"),
            new SemanticBenchmark.Partitioned(256, 70_123, 95.4), 132L << 20, 394L << 20, 554L << 20);

        List<String> rows = SemanticBenchmark.addRows(new SuiteTable(), result).render().lines().toList();

        assertThat(row(rows, "title queries")).contains("1.000 / 0.500 / 1.000").doesNotContain("missed");
        assertThat(row(rows, "paraphrase queries, 57,607 poems")).contains("hybrid ≥ lexical + 0.2")
            .doesNotContain("missed");
        assertThat(row(rows, "paraphrase queries, the seed's 5 essays among 57,607 poems"))
            .contains("0.500 / 0.600 / 0.600").contains("missed");
        assertThat(row(rows, "200 queries repeated")).contains("55.0 ms (lexical 30.0 ms)").doesNotContain("missed");
        assertThat(row(rows, "every query new, against lexical")).contains("95.0 ms (lexical 20.0 ms)")
            .contains("missed");
        assertThat(row(rows, "before partitioning")).contains("/ 160.0 ms; 35.0 ms: elasticsearch 22.0");
        assertThat(row(rows, "semantic (kNN) search")).as("new queries: a repeated one is answered from the cache")
            .contains("70.0 ms; 21.5 ms: elasticsearch 14.0");
        assertThat(row(rows, "partitioning the passages")).contains("256 partitions of 70,123 passages in 95 s");
        assertThat(row(rows, "CPU per search")).contains("10.2 ms: elasticsearch 4.1; 27.9 ms: elasticsearch 16.3");
        assertThat(row(rows, "embedding stage running")).contains("190 documents/s, CPU 93 % (stage 31 %); 551 s");
        assertThat(row(rows, "related documents nDCG@10 lexical / semantic / hybrid (default), 25 paraphrase"))
            .contains("0.300 / 0.500 / 0.500 (0.300)");
        assertThat(row(rows, "all 25 documents read")).as("the default is lexical, hybrid finds more on all kinds")
            .contains("0.900 / 0.500 / 0.800 (0.900)").contains("default ≥ the best mode").doesNotContain("missed");
    }

    @Test
    void theStageGetsTheCoresAskedForAndOtherwiseThePlatformsDefault() {
        assertThat(SemanticBenchmark.searchSettings(2)).containsEntry("wenku.search.semantic.enabled", "true")
            .containsEntry("wenku.search.semantic.threads", "2");
        assertThat(SemanticBenchmark.searchSettings(0)).containsOnlyKeys("wenku.search.semantic.enabled",
            "wenku.search.semantic.partition-at");
    }

    @Test
    void searchServiceLeavesThePartitioningToTheBenchmark() {
        assertThat(SemanticBenchmark.searchSettings(0)).containsEntry("wenku.search.semantic.partition-at", "0");
    }

    private static String row(List<String> rows, String part) {
        return rows.stream().filter(row -> row.contains(part)).findFirst().orElseThrow(() -> new AssertionError(
            "no row with " + part + " in " + rows));
    }

    private static PoetryRelevance.Result judged(double title, double paraphrase) {
        List<PoetryRelevance.Means> byKind = List.of(new PoetryRelevance.Means("title", 25, title, title),
            new PoetryRelevance.Means("paraphrase", 25, paraphrase, paraphrase));
        return new PoetryRelevance.Result(List.of(), 0, byKind, byKind.getFirst());
    }

    private static LatencyStats latency(double p99) {
        return new LatencyStats(1500, 0, p99 / 3, p99 / 2, p99, p99 * 1.5);
    }
}
