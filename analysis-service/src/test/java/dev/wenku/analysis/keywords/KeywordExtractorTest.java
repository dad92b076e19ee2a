package dev.wenku.analysis.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.events.DocumentAnalyzed.Keyword;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordExtractorTest {

    private static final String TEXT = "科技创新是发展新质生产力的核心要素。必须加强科技创新，特别是原创性、颠覆性科技创新，"
        + "加快实现高水平科技自立自强，打好关键核心技术攻坚战。科技创新能够催生新产业、新模式、新动能。";

    @Test
    void keywordsAreStrongestFirstAndNeverSingleCharacters() {
        List<Keyword> keywords = new KeywordExtractor().extract(TEXT, 5);
        assertEquals(5, keywords.size());
        assertTrue(keywords.stream().allMatch(k -> k.term().codePointCount(0, k.term().length()) >= 2), keywords.toString());
        for (int i = 1; i < keywords.size(); i++) {
            assertTrue(keywords.get(i - 1).weight() >= keywords.get(i).weight(), keywords.toString());
        }
        assertTrue(keywords.stream().anyMatch(k -> k.term().equals("科技")), keywords.toString());
    }

    @Test
    void blankTextHasNoKeywords() {
        assertFalse(new KeywordExtractor().extract("  ", 5).iterator().hasNext());
    }
}
