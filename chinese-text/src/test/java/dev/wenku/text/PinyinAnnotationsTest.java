package dev.wenku.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PinyinAnnotationsTest {

    @Test
    void annotationsAfterHanCharactersAreRemoved() {
        PinyinAnnotations.Result result = PinyinAnnotations.strip("培育發(fā)展新質(zhì)生產(chǎn)力");
        assertEquals("培育發展新質生產力", result.text());
        assertEquals(3, result.removed());
    }

    @Test
    void realParenthesesSurvive() {
        assertComesBackWhole("勞動資料(生產工具和勞動對象)、(20XX-2025年)以及人工智能(AI)和拼音(pīnyīn)、北京(Běijīng)");
    }

    @Test
    void annotationsThatLostTheirOpeningParenthesisAreRemoved() {
        PinyinAnnotations.Result result = PinyinAnnotations.strip("生產chǎn)力和?jié)摿");
        assertEquals("生產力和?摿", result.text());
        assertEquals(2, result.removed());
    }

    @Test
    void annotationsAfterLatinLettersAreRemoved() {
        assertEquals("漠a業", PinyinAnnotations.strip("漠a(chǎn)業(yè)").text());
    }

    @Test
    void pinyinClosingARealParenthesisIsNotTakenForADamagedAnnotation() {
        assertComesBackWhole("拼音寫作(拼音pīn)");
    }

    @Test
    void theSeedLosesAll1892AnnotationsIncludingTheSevenDamagedOnes() {
        PinyinAnnotations.Result result = PinyinAnnotations.strip(SeedText.RAW);
        assertEquals(1892, result.removed());
        assertFalse(SeedText.hasPinyinResidue(result.text()));
        assertTrue(result.text().contains("(生產工具和勞動對象)"));
        assertTrue(result.text().contains("(20XX-2025年)"));
    }

    @Test
    void aTextWithoutAClosingParenthesisComesBackWhole() {
        assertComesBackWhole("生產chǎn力和（新質生產力");
    }

    private static void assertComesBackWhole(String text) {
        PinyinAnnotations.Result result = PinyinAnnotations.strip(text);
        assertEquals(text, result.text());
        assertEquals(0, result.removed());
    }
}
