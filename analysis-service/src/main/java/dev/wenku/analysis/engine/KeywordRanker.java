package dev.wenku.analysis.engine;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Scores every content word of a document by two signals, each normalised to a maximum of 1, and their mean:
 * <ul>
 *   <li>smoothed TF-IDF: term frequency in the document × {@link CorpusStatistics#idf} (1 for every term while the
 *       corpus is empty, so the document's own frequencies count alone);</li>
 *   <li>TextRank (Mihalcea &amp; Tarau 2004) over the document's content-word sequence: an undirected graph linking
 *       words that occur within {@value #WINDOW} content words of each other, ranked by PageRank with damping
 *       {@value #DAMPING}.</li>
 * </ul>
 * The mean keeps frequent, well-connected domain terms on top while IDF pushes down terms that every document shares.
 */
final class KeywordRanker {

    static final int WINDOW = 5;
    static final double DAMPING = 0.85;
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-4;
    static final double TFIDF_SHARE = 0.5;

    private KeywordRanker() {
    }

    /** Scores by content-word id, in [0, 1]. */
    static double[] scores(Tokens tokens, CorpusStatistics corpus) {
        int n = tokens.contentCount;
        double[] scores = new double[n];
        if (n == 0) {
            return scores;
        }
        int[] sequence = new int[tokens.contentOccurrences + 1];
        int length = 0;
        int[] tf = new int[n];
        for (int i = 0; i < tokens.size; i++) {
            if (i == tokens.bodyStart && length > 0) {
                sequence[length++] = Tokens.NONE;   // the window does not run from title into body
            }
            int id = tokens.contentId[i];
            if (id != Tokens.NONE) {
                sequence[length++] = id;
                tf[id]++;
            }
        }
        double[] tfidf = new double[n];
        double maxTfidf = 0;
        CorpusStatistics frequencies = corpus.forTerms(Arrays.asList(tokens.content).subList(0, n));
        for (int id = 0; id < n; id++) {
            tfidf[id] = tf[id] * frequencies.idf(tokens.content[id]);
            maxTfidf = Math.max(maxTfidf, tfidf[id]);
        }
        double[] rank = textRank(sequence, length, n);
        double maxRank = Arrays.stream(rank).max().orElse(0);
        for (int id = 0; id < n; id++) {
            double a = maxTfidf > 0 ? tfidf[id] / maxTfidf : 0;
            double b = maxRank > 0 ? rank[id] / maxRank : 0;
            scores[id] = TFIDF_SHARE * a + (1 - TFIDF_SHARE) * b;
        }
        return scores;
    }

    /** PageRank over the co-occurrence graph of a word-id sequence ({@link Tokens#NONE} separates parts). */
    static double[] textRank(int[] sequence, int length, int n) {
        Set<Long> edges = new HashSet<>();
        for (int i = 0; i < length; i++) {
            int a = sequence[i];
            if (a == Tokens.NONE) {
                continue;
            }
            for (int j = i + 1; j < Math.min(length, i + WINDOW); j++) {
                int b = sequence[j];
                if (b == Tokens.NONE) {
                    break;
                }
                if (a != b) {
                    edges.add(a < b ? ((long) a << 32) | b : ((long) b << 32) | a);
                }
            }
        }
        int[] degree = new int[n];
        for (long edge : edges) {
            degree[(int) (edge >>> 32)]++;
            degree[(int) edge]++;
        }
        int[] start = new int[n + 1];
        for (int v = 0; v < n; v++) {
            start[v + 1] = start[v] + degree[v];
        }
        int[] neighbours = new int[start[n]];
        int[] fill = Arrays.copyOf(start, n);
        for (long edge : edges) {
            int a = (int) (edge >>> 32);
            int b = (int) edge;
            neighbours[fill[a]++] = b;
            neighbours[fill[b]++] = a;
        }
        double[] score = new double[n];
        Arrays.fill(score, 1.0);
        double[] next = new double[n];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double change = 0;
            for (int v = 0; v < n; v++) {
                double sum = 0;
                for (int k = start[v]; k < start[v + 1]; k++) {
                    int u = neighbours[k];
                    sum += score[u] / degree[u];
                }
                next[v] = (1 - DAMPING) + DAMPING * sum;
                change = Math.max(change, Math.abs(next[v] - score[v]));
            }
            double[] swap = score;
            score = next;
            next = swap;
            if (change < TOLERANCE) {
                break;
            }
        }
        return score;
    }
}
