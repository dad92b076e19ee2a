package dev.wenku.search.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Weighted reciprocal rank fusion of the lexical and the semantic ranking: a document scores {@code 1 / (K + rank)} in
 * the lexical ranking and {@code weight / (K + rank)} in the semantic one (rank from 1), and the sums order the merged
 * list ({@code wenku.search.semantic.weight}). Ranks, not scores, are merged because the two
 * scores are on scales that cannot be compared (BM25 grows with the query's length and the corpus's statistics, a
 * cosine similarity lies between -1 and 1); {@value #K} is the constant of Cormack, Clarke and Büttcher's paper,
 * which keeps a first place in one ranking from outweighing good places in both.
 *
 * <p>One exception reads the lexical scores: where the words' scores drop to less than half from one hit to the next,
 * the hits above the drop are what the reader named (a title, a line, a poet's poems, words typed together found
 * close together, which the words' scores multiply) and stay ahead of every other document, in their fused order.
 * Ranks alone lose them whenever meaning does not see them: a hit the words rank lower that meaning also found passes
 * them. With ranks alone, 静夜思 fell to fourth place on the judged set of the poetry corpus (title queries' nDCG@10
 * 0.951, 0.905 in Traditional script, {@code ./wenku bench semantic --limit=20000}), and a poem titled 與高適薛據慈恩寺浮圖
 * came before 高適's own when the words ranked it twelfth. In the scores {@code mode=lexical} answers for the judged
 * queries, the first hit of every title query scores 2.8 to 15 times the next, those of topic queries 1 to 2
 * (docs/adr/0015-embedding-stage.md).
 */
final class HybridRanking {

    static final int K = 60;
    /** How many times the next lexical hit's score a hit's must be for the hits down to it to stay ahead. */
    static final double CONFIDENT = 2.0;

    /** A lexical hit and the score of the reader's words. */
    record Scored(String id, double score) {
    }

    /** A document of the merged list and its fused score. */
    record Ranked(String id, double score) {
    }

    private HybridRanking() {
    }

    /**
     * {@code lexical} (best first) and {@code semantic} (document ids, nearest first) merged, the semantic ranking
     * weighing {@code weight}; ties keep the lexical order first; the lexical hits above a drop stay ahead.
     */
    static List<Ranked> fuse(List<Scored> lexical, List<String> semantic, double weight) {
        Map<String, Double> scores = new LinkedHashMap<>();
        add(scores, lexical.stream().map(Scored::id).toList(), 1);
        add(scores, semantic, weight);
        List<Ranked> ranked = new ArrayList<>();
        scores.forEach((id, score) -> ranked.add(new Ranked(id, score)));
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed());
        Set<String> named = lexical.subList(0, aboveDrop(lexical)).stream().map(Scored::id).collect(Collectors.toSet());
        if (named.isEmpty()) {
            return ranked;
        }
        List<Ranked> ahead = ranked.stream().filter(r -> named.contains(r.id())).toList();
        List<Ranked> rest = ranked.stream().filter(r -> !named.contains(r.id())).toList();
        double lift = rest.isEmpty() ? 0 : Math.max(0, rest.getFirst().score() - ahead.getLast().score());
        List<Ranked> merged = new ArrayList<>();
        ahead.forEach(r -> merged.add(new Ranked(r.id(), r.score() + lift)));
        merged.addAll(rest);
        return merged;
    }

    /** How many lexical hits lie above the first drop to less than 1/{@value #CONFIDENT} of a score (0: none). */
    private static int aboveDrop(List<Scored> lexical) {
        for (int i = 0; i + 1 < lexical.size(); i++) {
            if (lexical.get(i).score() >= CONFIDENT * lexical.get(i + 1).score()) {
                return i + 1;
            }
        }
        return 0;
    }

    private static void add(Map<String, Double> scores, List<String> ranking, double weight) {
        for (int i = 0; i < ranking.size(); i++) {
            scores.merge(ranking.get(i), weight / (K + i + 1), Double::sum);
        }
    }
}
