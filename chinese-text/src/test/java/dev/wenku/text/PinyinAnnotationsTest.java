package dev.wenku.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        String text = "勞動資料(生產工具和勞動對象)、(20XX-2025年)以及人工智能(AI)";
        assertEquals(text, PinyinAnnotations.strip(text).text());
    }

    @Test
    void theSeedLosesEveryWellFormedAnnotation() throws Exception {
        String seed = Files.readString(Path.of("../seeds/000_46f25000791b86e7.txt"), StandardCharsets.UTF_8);
        PinyinAnnotations.Result result = PinyinAnnotations.strip(seed);
        assertEquals(1887, result.removed());
        assertFalse(result.text().contains("(zhì)"));
        assertEquals(true, result.text().contains("(生產工具和勞動對象)"));
    }
}
