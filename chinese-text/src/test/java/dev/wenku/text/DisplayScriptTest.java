package dev.wenku.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DisplayScriptTest {

    @Test
    void traditionalTextIsShownSimplified() {
        assertEquals("新质生产力的发展，随着科技进步，成效显著",
            DisplayScript.SIMPLIFIED.apply("新質生產力的發展，隨著科技進步，成效顯著"));
    }

    @Test
    void simplifiedTextIsShownTraditionalWithZheWrittenZhu() {
        assertEquals("新質生產力的發展，隨著科技進步，著力解決，頭髮",
            DisplayScript.TRADITIONAL.apply("新质生产力的发展，随着科技进步，着力解决，头发"));
    }

    @Test
    void textAlreadyInTheWantedScriptIsUnchanged() {
        String traditional = "2024學習“新質生產力”心得體會感悟1：隨著時代發展，皇后、後來、乾淨";
        assertEquals(traditional, DisplayScript.TRADITIONAL.apply(traditional));
        String simplified = "2024学习“新质生产力”心得体会感悟1：随着时代发展";
        assertEquals(simplified, DisplayScript.SIMPLIFIED.apply(simplified));
    }

    @Test
    void punctuationLatinAndDigitsStayAsTheyAre() {
        assertEquals("“數字經濟”（2024）A&amp;B", DisplayScript.TRADITIONAL.apply("“数字经济”（2024）A&amp;B"));
        assertEquals("「数字经济」", DisplayScript.SIMPLIFIED.apply("「數字經濟」"));
    }

    @Test
    void originalChangesNothing() {
        assertEquals("新質生產力 新质生产力", DisplayScript.ORIGINAL.apply("新質生產力 新质生产力"));
        assertEquals("<em>新質</em>", DisplayScript.ORIGINAL.applyAroundTags("<em>新質</em>", "<em>", "</em>"));
    }

    @Test
    void highlightTagsStayWhereTheyAreAndOnlyTheTextAroundThemIsConverted() {
        assertEquals("培育發展<em>新質</em><em>生產力</em>是一項&quot;系統&quot;工程",
            DisplayScript.TRADITIONAL.applyAroundTags("培育发展<em>新质</em><em>生产力</em>是一项&quot;系统&quot;工程",
                "<em>", "</em>"));
        assertEquals("<em>新质生产力</em>，随着<em>发展</em>",
            DisplayScript.SIMPLIFIED.applyAroundTags("<em>新質生產力</em>，隨著<em>發展</em>", "<em>", "</em>"));
    }

    @Test
    void wordsSplitByATagAreConvertedInContext() {
        assertEquals("<em>頭</em>髮", DisplayScript.TRADITIONAL.applyAroundTags("<em>头</em>发", "<em>", "</em>"));
    }

    @Test
    void listsAndNullsAreHandled() {
        assertEquals(List.of("新質生產力", "人才"), DisplayScript.TRADITIONAL.apply(List.of("新质生产力", "人才")));
        assertNull(DisplayScript.SIMPLIFIED.apply((String) null));
        assertEquals("", DisplayScript.TRADITIONAL.apply(""));
    }

    @Test
    void scriptsAreNamedCaseInsensitivelyAndUnknownNamesAreNone() {
        assertEquals(Optional.of(DisplayScript.SIMPLIFIED), DisplayScript.named("simplified"));
        assertEquals(Optional.of(DisplayScript.TRADITIONAL), DisplayScript.named(" Traditional "));
        assertEquals(Optional.of(DisplayScript.ORIGINAL), DisplayScript.named("ORIGINAL"));
        assertTrue(DisplayScript.named("klingon").isEmpty());
        assertTrue(DisplayScript.named(null).isEmpty());
    }

    @Test
    void theSeedShownSimplifiedIsWhatSearchMatchesAndShownTraditionalLosesTheScrapersSimplifiedForms() {
        String seed = SeedText.REPAIRED.text();
        assertEquals(SimplifiedScript.of(seed), DisplayScript.SIMPLIFIED.apply(seed));
        String traditional = DisplayScript.TRADITIONAL.apply(seed);
        assertEquals(seed.length(), traditional.length());
        assertEquals(SimplifiedScript.of(seed), SimplifiedScript.of(traditional), "only the script changed");
        assertTrue(seed.contains("制造業") && seed.contains("隨后"), "the scraped text mixes in Simplified forms");
        assertTrue(traditional.contains("製造業") && traditional.contains("隨後"), traditional);
        assertEquals(count(seed, '“'), count(traditional, '“'), "quotation marks are kept");
    }

    private static int count(String text, char c) {
        return (int) text.chars().filter(x -> x == c).count();
    }
}
