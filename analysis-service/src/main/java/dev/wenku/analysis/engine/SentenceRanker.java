package dev.wenku.analysis.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Extractive summary: TextRank over the body's sentences (Mihalcea &amp; Tarau 2004), on the same tokens as the
 * keywords. Sentences end at 。！？!?… or a line break; a line without closing punctuation (a heading) and a sentence
 * with fewer than {@value #MIN_CONTENT_WORDS} distinct content words are not candidates. Two sentences are linked
 * with the weight {@code |shared content words| / (ln|S1| + ln|S2|)}; weighted PageRank ranks them, and the best
 * ones are returned in document order. A body without candidates (a classical poem's lines are short and mostly
 * single characters, which are not content words) is summed up by its first sentence: every document has a summary.
 */
final class SentenceRanker {

    private static final int MIN_CONTENT_WORDS = 3;
    private static final int MIN_CHARACTERS = 10;
    private static final double DAMPING = 0.85;
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-4;
    /** Closing quotes and brackets that belong to the sentence they follow: …。” */
    private static final String CLOSING = "”’」』）)\"'";

    private SentenceRanker() {
    }

    private record Sentence(int index, String text, int[] words) {
    }

    static String summarize(Tokens tokens, int count) {
        if (count == 0) {
            return "";
        }
        List<Sentence> sentences = sentences(tokens);
        if (sentences.isEmpty()) {
            return lead(tokens);
        }
        int n = sentences.size();
        double[][] weights = new double[n][];
        double[] totals = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = new double[n];
        }
        for (int i = 0; i < n; i++) {
            int[] a = sentences.get(i).words();
            for (int j = i + 1; j < n; j++) {
                int[] b = sentences.get(j).words();
                int shared = shared(a, b);
                if (shared > 0) {
                    double w = shared / (Math.log(a.length) + Math.log(b.length));
                    weights[i][j] = w;
                    weights[j][i] = w;
                    totals[i] += w;
                    totals[j] += w;
                }
            }
        }
        double[] score = new double[n];
        Arrays.fill(score, 1.0);
        double[] next = new double[n];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double change = 0;
            for (int i = 0; i < n; i++) {
                double sum = 0;
                double[] row = weights[i];
                for (int j = 0; j < n; j++) {
                    if (row[j] > 0) {
                        sum += row[j] / totals[j] * score[j];
                    }
                }
                next[i] = (1 - DAMPING) + DAMPING * sum;
                change = Math.max(change, Math.abs(next[i] - score[i]));
            }
            double[] swap = score;
            score = next;
            next = swap;
            if (change < TOLERANCE) {
                break;
            }
        }
        double[] finalScore = score;
        List<Sentence> best = new ArrayList<>(sentences);
        best.sort(Comparator.<Sentence>comparingDouble(s -> -finalScore[s.index()]).thenComparingInt(Sentence::index));
        best = new ArrayList<>(best.subList(0, Math.min(count, n)));
        best.sort(Comparator.comparingInt(Sentence::index));
        StringBuilder summary = new StringBuilder();
        best.forEach(s -> summary.append(s.text()));
        return summary.toString();
    }

    /** The body's first sentence (or first line, if no sentence closes), empty when the body has no text. */
    private static String lead(Tokens tokens) {
        StringBuilder text = new StringBuilder();
        for (int i = tokens.bodyStart; i < tokens.size; i++) {
            String word = tokens.words[i];
            if (word.indexOf('\n') >= 0) {
                if (!text.toString().isBlank()) {
                    break;
                }
                continue;
            }
            text.append(word);
            if (WordClasses.endsSentence(word)) {
                while (i + 1 < tokens.size && tokens.words[i + 1].length() == 1
                    && CLOSING.indexOf(tokens.words[i + 1].charAt(0)) >= 0) {
                    text.append(tokens.words[++i]);
                }
                break;
            }
        }
        return text.toString().strip();
    }

    /** Candidate sentences of the body, in order. */
    private static List<Sentence> sentences(Tokens tokens) {
        List<Sentence> sentences = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int[] ids = new int[64];
        int idCount = 0;
        for (int i = tokens.bodyStart; i < tokens.size; i++) {
            String word = tokens.words[i];
            boolean lineBreak = word.indexOf('\n') >= 0;
            boolean closed = false;
            if (!lineBreak) {
                text.append(word);
                int id = tokens.contentId[i];
                if (id != Tokens.NONE) {
                    if (idCount == ids.length) {
                        ids = Arrays.copyOf(ids, ids.length * 2);
                    }
                    ids[idCount++] = id;
                }
                if (WordClasses.endsSentence(word)) {
                    closed = true;
                    while (i + 1 < tokens.size && CLOSING.indexOf(tokens.words[i + 1].charAt(0)) >= 0
                        && tokens.words[i + 1].length() == 1) {
                        text.append(tokens.words[++i]);
                    }
                }
            }
            if (lineBreak || closed || i == tokens.size - 1) {
                String sentence = text.toString().strip();
                if (closed && sentence.length() >= MIN_CHARACTERS) {
                    int[] distinct = distinctSorted(ids, idCount);
                    if (distinct.length >= MIN_CONTENT_WORDS) {
                        sentences.add(new Sentence(sentences.size(), sentence, distinct));
                    }
                }
                text.setLength(0);
                idCount = 0;
            }
        }
        return sentences;
    }

    private static int[] distinctSorted(int[] ids, int count) {
        int[] sorted = Arrays.copyOf(ids, count);
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, n);
    }

    private static int shared(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        int shared = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                shared++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return shared;
    }
}
