package dev.wenku.analysis.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Key phrases: noun phrases of 2–{@value #MAX_WORDS} adjacent words (no punctuation, verb or particle between them),
 * such as 关键核心技术/攻坚, 体制机制/障碍 or 科技创新/资源: content nouns, optionally closed by a head that is a
 * content verbal noun (攻坚, 改革) or a stoplisted noun (资源, 水平). Verbal nouns open no phrase and stoplisted verbal
 * nouns stand in none, so the verb phrases HanLP tags as nouns (发展/新质生产力, 束缚/新质生产力, 新质生产力/发展) are
 * out. A phrase must occur at least {@value #MIN_OCCURRENCES} times or hold at least {@value #MIN_CONTENT_WORDS}
 * content words. Score: occurrences × the summed keyword scores of its content words. A phrase inside a better one,
 * or holding a better one, is skipped.
 */
final class PhraseFinder {

    static final int MAX_WORDS = 4;
    private static final int MIN_OCCURRENCES = 2;
    private static final int MIN_CONTENT_WORDS = 2;

    private PhraseFinder() {
    }

    /** A content noun that is not a verbal noun: may open a phrase and stand anywhere in it. */
    private static boolean modifier(Tokens tokens, int position) {
        return tokens.isContent(position) && !"vn".equals(tokens.natures[position]);
    }

    private record Candidate(String text, int occurrences, double score) {
    }

    static List<String> find(Tokens tokens, double[] keywordScores, int count) {
        if (count == 0) {
            return List.of();
        }
        Map<String, Integer> occurrences = new HashMap<>();
        Map<String, Double> scores = new HashMap<>();
        Map<String, Integer> contents = new HashMap<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens.size; i++) {
            if (!modifier(tokens, i)) {
                continue;
            }
            text.setLength(0);
            text.append(tokens.words[i]);
            double score = keywordScores[tokens.contentId[i]];
            int contentWords = 1;
            for (int j = i + 1; j < Math.min(tokens.size, i + MAX_WORDS); j++) {
                boolean modifier = modifier(tokens, j);
                boolean head = modifier || tokens.isContent(j) || tokens.phrasePart[j];
                if (j == tokens.bodyStart || !head) {
                    break;
                }
                text.append(tokens.words[j]);
                if (tokens.isContent(j)) {
                    score += keywordScores[tokens.contentId[j]];
                    contentWords++;
                }
                String phrase = text.toString();
                occurrences.merge(phrase, 1, Integer::sum);
                scores.putIfAbsent(phrase, score);
                contents.putIfAbsent(phrase, contentWords);
                if (!modifier) {
                    break;   // a verbal noun or a stoplisted noun ends the phrase: it is its head
                }
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        occurrences.forEach((phrase, n) -> {
            if (n >= MIN_OCCURRENCES || contents.get(phrase) >= MIN_CONTENT_WORDS) {
                candidates.add(new Candidate(phrase, n, n * scores.get(phrase)));
            }
        });
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::text));
        List<String> chosen = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (chosen.size() == count) {
                break;
            }
            boolean overlaps = chosen.stream().anyMatch(c -> c.contains(candidate.text()) || candidate.text().contains(c));
            if (!overlaps) {
                chosen.add(candidate.text());
            }
        }
        return chosen;
    }
}
