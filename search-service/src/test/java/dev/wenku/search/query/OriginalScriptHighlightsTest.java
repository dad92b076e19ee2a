package dev.wenku.search.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OriginalScriptHighlightsTest {

    @Test
    void matchesFoundInSimplifiedTextAreShownInTheTraditionalOriginal() {
        String original = "培育發展新質生產力是一項系統工程";
        String simplified = "培育发展新质生产力是一项系统工程";
        assertEquals("培育發展<em>新質</em><em>生產力</em>是一項",
            OriginalScriptHighlights.toOriginal("培育发展<em>新质</em><em>生产力</em>是一项", simplified, original));
    }

    @Test
    void escapedCharactersAreKeptEscaped() {
        assertEquals("A&amp;B <em>發展</em>",
            OriginalScriptHighlights.toOriginal("A&amp;B <em>发展</em>", "A&B 发展", "A&B 發展"));
    }

    @Test
    void whenTheTextsDoNotLineUpTheSimplifiedFragmentIsKept() {
        assertEquals("<em>发展</em>", OriginalScriptHighlights.toOriginal("<em>发展</em>", "发展", "發展了"));
        assertEquals("<em>其他</em>", OriginalScriptHighlights.toOriginal("<em>其他</em>", "发展", "發展"));
    }

    @Test
    void aFragmentBeginsWhereAClauseDoesNotWithThePunctuationBeforeIt() {
        assertEquals("一系列重大<em>部署</em>", OriginalScriptHighlights.fromClauseStart("、一系列重大<em>部署</em>"));
        assertEquals("推动<em>发展</em>", OriginalScriptHighlights.fromClauseStart("”， 推动<em>发展</em>"));
        assertEquals("<em>，</em>后", OriginalScriptHighlights.fromClauseStart("<em>，</em>后"), "a match is kept");
        assertEquals("新质生产力", OriginalScriptHighlights.fromClauseStart("新质生产力"));
    }
}
