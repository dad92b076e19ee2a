package dev.wenku.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextRepairTest {

    private static final String CLEAN_SIMPLIFIED = """
        一、高质量发展需要新的生产力理论来指导
        马克思主义认为，生产力是全部社会生活的物质前提。什么是新质生产力？习近平总书记指出：“概括地说，新质生产力是创新起主导作用的先进生产力质态。”
        劳动资料（生产工具和劳动对象）、人工智能(AI)和6G等领域；研发经费投入强度达到2.55%，约1,000亿元，比例为3:1。
        真的能做到吗？！我们要努力！
        The report says: AI, robotics; and more? Yes!
        """;
    private static final String CLEAN_TRADITIONAL = """
        2024學習“新質生產力”心得體會感悟1
        馬克思主義認為，生產力是全部社會生活的物質前提，是推動社會進步的最活躍、最革命的因素。
        什么是“新質”？簡單說，就是由質變產生的新性質。《廣東省培育發展戰略性新興產業集群行動計劃(20XX-2025年)》提出要打造一批產業集群。

        當前，中國在量子計算、人工智能、大數據、6G、生物技術等領域的發展處于世界前列。
        """;

    @Test
    void theSeedGetsExactRepairCounts() {
        assertEquals(List.of(TextRepair.PINYIN_ANNOTATIONS, TextRepair.DOUBLED_PUNCTUATION,
                TextRepair.HALF_WIDTH_PUNCTUATION, TextRepair.JOINED_LINE_BREAKS, TextRepair.MOJIBAKE_REPAIRED),
            List.copyOf(SeedText.REPAIRED.repairs().keySet()));
        assertEquals(Map.of("pinyinAnnotations", 1892, "doubledPunctuation", 830, "halfWidthPunctuation", 694,
            "joinedLineBreaks", 6, "mojibakeRepaired", 6), SeedText.REPAIRED.repairs());
    }

    @Test
    void theRepairedSeedHasNoPinyinDoubledOrHalfWidthPunctuationLeft() {
        String text = SeedText.REPAIRED.text();
        assertFalse(SeedText.hasPinyinResidue(text));
        assertFalse(Pattern.compile("[，。、；：][，。、；：]").matcher(text).find());
        assertFalse(Pattern.compile("[\\p{IsHan}][,?;:!]|[,?;:!][\\p{IsHan}]").matcher(text).find());
        assertTrue(text.contains("生產資料(生產工具和勞動對象)相結合"));
        assertTrue(text.contains("一、高質量發展需要新的生產力理論來指導\n馬克思主義認為，生產力"));
    }

    @Test
    void theRepairedSeedStaysTraditional() {
        assertTrue(SeedText.REPAIRED.text().startsWith("培育發展新質生產力是一項復雜而系統的工程，需各方主體協同高效配合。"));
    }

    @Test
    void sentencesBrokenAcrossLinesAreJoined() {
        String text = SeedText.REPAIRED.text();
        assertTrue(text.contains("高質量營商環境有如下幾個主要方向：一是加強對企業科技創新行為的政策支持，用“有形的手”為企業提供"));
        assertTrue(text.contains("勞動力是活的要素，人是決定性因素"));
        assertTrue(text.contains("大數據、6G、生物技術、新能源等領域"));
        assertEquals(SeedText.RAW.lines().count() - 6, text.lines().count());
    }

    @Test
    void garbledStretchesInTheSeedAreRepairedAndReportedWhereTheyWere() {
        String text = SeedText.REPAIRED.text();
        List<RepairWarning> warnings = SeedText.REPAIRED.warnings();
        List<String> recovered = List.of("百年走過的工業化", "科技新能夠", "力的產業", "空天開發", "能護企業", "化價值鏈");
        assertEquals(6, warnings.size());
        for (int i = 0; i < warnings.size(); i++) {
            RepairWarning warning = warnings.get(i);
            assertEquals("mojibake", warning.kind());
            assertTrue(text.startsWith(recovered.get(i), warning.position()), warning.toString());
            assertTrue(warning.excerpt().contains(recovered.get(i)), warning.toString());
        }
        assertTrue(text.contains("僅用幾十年的時間走完發達國家百年走過的工業化歷程"));
        assertTrue(text.contains("加快科技創新科技新能夠催生新產業"));
        assertTrue(text.contains("未來網絡、深空天開發、氫能"));
        assertFalse(text.contains("?"));
        assertFalse(text.contains("装倌曜哌"));
    }

    @Test
    void repairingTheRepairedSeedChangesNothing() {
        RepairResult again = TextRepair.repair(SeedText.REPAIRED.text());
        assertEquals(SeedText.REPAIRED.text(), again.text());
        assertTrue(again.repairs().values().stream().allMatch(count -> count == 0));
        assertTrue(again.warnings().isEmpty());
    }

    @Test
    void cleanSimplifiedTextIsLeftUnchanged() {
        assertUnchanged(CLEAN_SIMPLIFIED);
    }

    @Test
    void cleanTraditionalTextIsLeftUnchanged() {
        assertUnchanged(CLEAN_TRADITIONAL);
    }

    @Test
    void questionsWrittenWithHalfWidthMarksAreNotTakenForMojibake() {
        RepairResult result = TextRepair.repair("什么是新质生产力?习近平总书记指出:“概括地说”。什么是生產力?經典理論認為,生產力很重要");
        assertEquals("什么是新质生产力？习近平总书记指出：“概括地说”。什么是生產力？經典理論認為，生產力很重要", result.text());
        assertTrue(result.warnings().isEmpty());
        assertEquals(0, result.repairs().get("mojibakeRepaired"));
    }

    @Test
    void doubledPunctuationCollapsesToTheStrongerMark() {
        RepairResult result = TextRepair.repair("需各方配合,。發揮作用,,形成合力,、最革命的。。因素");
        assertEquals("需各方配合。發揮作用，形成合力、最革命的。因素", result.text());
        assertEquals(4, result.repairs().get("doubledPunctuation"));
        assertEquals(1, result.repairs().get("halfWidthPunctuation"));
    }

    @Test
    void halfWidthPunctuationBetweenHanBecomesFullWidthAndLosesItsSpaces() {
        RepairResult result = TextRepair.repair("指出, “新質生產力”,“要奮起直追”;比如:這樣!增長9.3%,研發 ,約1,000億 and more, AI");
        assertEquals("指出，“新質生產力”，“要奮起直追”；比如：這樣！增長9.3%，研發，約1,000億 and more, AI", result.text());
        assertEquals(7, result.repairs().get("halfWidthPunctuation"));
    }

    @Test
    void paragraphBreaksHeadingsAndListItemsAreKept() {
        String text = "二、把握新質生產力的科學內涵\n一是搶占發展制高點\n二是培育競爭新優勢\n\n具體而言，有以下方向：\n一是強化人才隊伍支撐。";
        RepairResult result = TextRepair.repair(text);
        assertEquals(text, result.text());
        assertEquals(0, result.repairs().get("joinedLineBreaks"));
    }

    @Test
    void aLineEndingMidSentenceIsJoinedWithTheNext() {
        RepairResult result = TextRepair.repair("提出,為四川省以科技創新引領產業全面\n振興指明了方向。內核在“質”,,\n落點于“生產力”。");
        assertEquals("提出，為四川省以科技創新引領產業全面振興指明了方向。內核在“質”，落點于“生產力”。", result.text());
        assertEquals(2, result.repairs().get("joinedLineBreaks"));
    }

    @Test
    void repairOfTheSeedTakesMilliseconds() {
        TextRepair.repair(SeedText.RAW);
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            TextRepair.repair(SeedText.RAW);
        }
        long millisEach = (System.nanoTime() - start) / 5 / 1_000_000;
        assertTrue(millisEach < 250, "repair of 58 KB took " + millisEach + " ms");
    }

    private static void assertUnchanged(String text) {
        RepairResult result = TextRepair.repair(text);
        assertEquals(text, result.text());
        assertTrue(result.repairs().values().stream().allMatch(count -> count == 0), result.repairs().toString());
        assertTrue(result.warnings().isEmpty());
    }
}
