package dev.wenku.search.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted reciprocal rank fusion of the lexical and the semantic ranking: a document scores {@code 1 / (K + rank)} in
 * the lexical ranking and {@code weight / (K + rank)} in the semantic one (rank from 1), and the sums order the merged
 * list ({@code wenku.search.semantic.weight}). Ranks, not scores, are merged because the two
 * scores are on scales that cannot be compared (BM25 grows with the query's length and the corpus's statistics, a
 * cosine similarity lies between -1 and 1); {@value #K} is the constant of Cormack, Clarke and Büttcher's paper,
 * which keeps a first place in one ranking from outweighing good places in both.
 */
final class HybridRanking {

    static final int K = 60;

    /** A document of the merged list and its fused score. */
    record Ranked(String id, double score) {
    }

    private HybridRanking() {
    }

    /**
     * {@code lexical} and {@code semantic} (document ids, best first) merged, the semantic ranking weighing
     * {@code weight}; ties keep the lexical order first.
     */
    static List<Ranked> fuse(List<String> lexical, List<String> semantic, double weight) {
        Map<String, Double> scores = new LinkedHashMap<>();
        add(scores, lexical, 1);
        add(scores, semantic, weight);
        List<Ranked> ranked = new ArrayList<>();
        scores.forEach((id, score) -> ranked.add(new Ranked(id, score)));
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed());
        return ranked;
    }

    private static void add(Map<String, Double> scores, List<String> ranking, double weight) {
        for (int i = 0; i < ranking.size(); i++) {
            scores.merge(ranking.get(i), weight / (K + i + 1), Double::sum);
        }
    }
}
