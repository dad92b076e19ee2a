package dev.wenku.analysis.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds taxonomy terms among a document's tokens: a term matches one token or a run of up to {@value #MAX_TOKENS}
 * adjacent tokens whose words join into it (so 颠覆性技术 matches whether the segmenter keeps it whole or not), the
 * longest match first, without overlaps. Matches never cut a token: 人才 does not match inside 人才链. A theme's score
 * is its matches divided by the document's content-word occurrences (at most 1). Immutable.
 */
final class ThemeMatcher {

    private static final int MAX_TOKENS = 6;

    private final List<Taxonomy.Theme> themes;
    private final Map<String, int[]> themesByTerm = new HashMap<>();
    private final Set<String> prefixes = new HashSet<>();

    ThemeMatcher(Taxonomy taxonomy) {
        this.themes = taxonomy.themes();
        Map<String, List<Integer>> byTerm = new HashMap<>();
        for (int t = 0; t < themes.size(); t++) {
            for (String term : themes.get(t).terms()) {
                List<Integer> ids = byTerm.computeIfAbsent(term, k -> new ArrayList<>());
                if (!ids.contains(t)) {
                    ids.add(t);
                }
                for (int end = 1; end < term.length(); end++) {
                    prefixes.add(term.substring(0, end));
                }
            }
        }
        byTerm.forEach((term, ids) -> themesByTerm.put(term, ids.stream().mapToInt(Integer::intValue).toArray()));
    }

    List<ThemeScore> score(Tokens tokens) {
        int[] hits = new int[themes.size()];
        int i = 0;
        StringBuilder joined = new StringBuilder();
        while (i < tokens.size) {
            if (tokens.breaks[i]) {
                i++;
                continue;
            }
            int matchEnd = -1;
            int[] matchThemes = null;
            joined.setLength(0);
            for (int j = i; j < Math.min(tokens.size, i + MAX_TOKENS); j++) {
                String text;
                if (j == i) {
                    text = tokens.words[i];
                    joined.append(text);
                } else {
                    text = joined.append(tokens.words[j]).toString();
                }
                int[] found = themesByTerm.get(text);
                if (found != null) {
                    matchEnd = j + 1;
                    matchThemes = found;
                }
                if (!prefixes.contains(text)) {
                    break;
                }
            }
            if (matchThemes == null) {
                i++;
                continue;
            }
            for (int t : matchThemes) {
                hits[t]++;
            }
            i = matchEnd;
        }
        double denominator = Math.max(1, tokens.contentOccurrences);
        List<ThemeScore> scores = new ArrayList<>();
        for (int t = 0; t < themes.size(); t++) {
            if (hits[t] > 0) {
                Taxonomy.Theme theme = themes.get(t);
                double share = Math.min(1.0, hits[t] / denominator);
                scores.add(new ThemeScore(theme.id(), theme.label(), Math.round(share * 10_000) / 10_000.0));
            }
        }
        scores.sort(Comparator.comparingDouble(ThemeScore::score).reversed());
        return scores;
    }
}
