package dev.wenku.infrastructure.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.junit.jupiter.api.Test;

class CjkBigramOptionsTest {

    @Test
    void everyCjkScriptIsBigrammedUnlessIgnored() {
        int all = CjkAnalysisPlugin.CjkBigramFilterFactory.scriptsToBigram(List.of());
        int noHangul = CjkAnalysisPlugin.CjkBigramFilterFactory.scriptsToBigram(List.of("hangul"));
        assertEquals(CJKBigramFilter.HAN, all & CJKBigramFilter.HAN);
        assertEquals(0, noHangul & CJKBigramFilter.HANGUL);
        assertEquals(CJKBigramFilter.HAN, noHangul & CJKBigramFilter.HAN);
    }

    @Test
    void anUnknownScriptIsRejectedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> CjkAnalysisPlugin.CjkBigramFilterFactory.scriptsToBigram(List.of("latin")));
        assertTrue(e.getMessage().contains("latin"));
    }
}
