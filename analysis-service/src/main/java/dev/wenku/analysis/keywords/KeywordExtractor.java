package dev.wenku.analysis.keywords;

import com.hankcs.hanlp.summary.TextRankKeyword;
import dev.wenku.events.DocumentAnalyzed.Keyword;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * First keyword extraction: TextRank over HanLP's segmentation, without single characters. (A later step adds a
 * domain dictionary, stoplist and corpus statistics.)
 */
public class KeywordExtractor {

    /** TextRank is asked for more candidates than needed, since single characters are dropped afterwards. */
    private static final int CANDIDATE_FACTOR = 3;

    public List<Keyword> extract(String simplifiedText, int count) {
        if (simplifiedText == null || simplifiedText.isBlank()) {
            return List.of();
        }
        Map<String, Float> ranked = new TextRankKeyword().getTermAndRank(simplifiedText, count * CANDIDATE_FACTOR);
        return ranked.entrySet().stream()
            .filter(e -> e.getKey().codePointCount(0, e.getKey().length()) >= 2)
            .sorted(Map.Entry.<String, Float>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
            .limit(count)
            .map(e -> new Keyword(e.getKey(), Math.round(e.getValue() * 10000) / 10000.0))
            .toList();
    }
}
