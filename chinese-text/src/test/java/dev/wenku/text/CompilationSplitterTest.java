package dev.wenku.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompilationSplitterTest {

    private static final String TITLE = "2024學習“新質生產力”心得體會感悟";

    @Test
    void theRepairedSeedGivesFiveEssaysTitledFromTheirHeadings() {
        Compilation compilation = CompilationSplitter.split(SeedText.REPAIRED.text());
        assertEquals(List.of(TITLE + 1, TITLE + 2, TITLE + 3, TITLE + 4, TITLE + 5),
            compilation.essays().stream().map(Essay::title).toList());
    }

    @Test
    void thePrefaceBecomesTheDescription() {
        Compilation compilation = CompilationSplitter.split(SeedText.REPAIRED.text());
        assertTrue(compilation.description().startsWith("培育發展新質生產力是一項復雜而系統的工程"));
        assertTrue(compilation.description().endsWith("希望能對大家有所幫助。"));
        assertEquals(156, compilation.description().length());
        assertTrue(compilation.essays().get(0).body().startsWith("2024年1月31日，習近平總書記"));
        assertTrue(compilation.essays().get(4).body().endsWith("為高質量發展提供有效支撐與持久動力。"));
    }

    @Test
    void essaysHaveTheirExpectedLengthsAfterCleaning() {
        List<Essay> essays = CompilationSplitter.split(SeedText.REPAIRED.text()).essays();
        int[] expected = {3700, 3000, 3600, 2200, 3000};
        for (int i = 0; i < expected.length; i++) {
            int length = essays.get(i).body().length();
            assertTrue(Math.abs(length - expected[i]) <= expected[i] * 0.15, "essay " + (i + 1) + ": " + length);
        }
    }

    @Test
    void noEssayOrDescriptionHasPinyinResidue() {
        Compilation compilation = CompilationSplitter.split(SeedText.REPAIRED.text());
        assertFalse(SeedText.hasPinyinResidue(compilation.description()));
        for (Essay essay : compilation.essays()) {
            assertFalse(SeedText.hasPinyinResidue(essay.title() + essay.body()), essay.title());
        }
    }

    @Test
    void theRawSeedSplitsTheSameWayWithCleanTitles() {
        Compilation compilation = CompilationSplitter.split(SeedText.RAW);
        assertEquals(List.of(TITLE + 1, TITLE + 2, TITLE + 3, TITLE + 4, TITLE + 5),
            compilation.essays().stream().map(Essay::title).toList());
        assertTrue(compilation.description().startsWith("培育發(fā)展"));
        assertTrue(compilation.essays().get(1).body().startsWith("從“加快形成”到“發(fā)展”"));
    }

    @Test
    void textWithoutRepeatedHeadingsIsOneUntitledEssay() {
        String text = "一、高質量發展需要新的生產力理論來指導\n馬克思主義認為，生產力是全部社會生活的物質前提。\n"
            + "二、把握新質生產力的科學內涵\n什么是新質生產力？\n";
        Compilation compilation = CompilationSplitter.split(text);
        assertNull(compilation.description());
        assertEquals(List.of(new Essay(null, text)), compilation.essays());
    }

    @Test
    void headingsNumberedInChineseWithoutPrefaceSplitToo() {
        String text = "学习心得体会范文一\n第一篇正文。\n学习心得体会范文二\n第二篇正文。\n学习心得体会范文三\n第三篇正文。";
        Compilation compilation = CompilationSplitter.split(text);
        assertNull(compilation.description());
        assertEquals(List.of(new Essay("学习心得体会范文一", "第一篇正文。"), new Essay("学习心得体会范文二", "第二篇正文。"),
            new Essay("学习心得体会范文三", "第三篇正文。")), compilation.essays());
    }

    @Test
    void sentencesEndingInANumberAreNotHeadings() {
        String text = "研发经费投入增长了百分之9。\n研发经费投入增长了百分之10。\n";
        assertNull(CompilationSplitter.split(text).essays().get(0).title());
    }
}
