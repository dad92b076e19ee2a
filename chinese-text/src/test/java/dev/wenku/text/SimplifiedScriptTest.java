package dev.wenku.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SimplifiedScriptTest {

    @Test
    void traditionalTextBecomesSimplified() {
        assertEquals("新质生产力的发展", SimplifiedScript.of("新質生產力的發展"));
    }

    @Test
    void simplifiedTextAndEmptyTextAreUnchanged() {
        assertEquals("新质生产力", SimplifiedScript.of("新质生产力"));
        assertEquals("", SimplifiedScript.of(""));
    }

    @Test
    void zhuAsAspectParticleBecomesZhe() {
        assertEquals("随着科技进步，这代表着先进生产力，意味着变革；沿着道路、朝着目标，接着努力，决定着社会状况",
            SimplifiedScript.of("隨著科技進步，這代表著先進生產力，意味著變革；沿著道路、朝著目標，接著努力，決定著社會狀況"));
    }

    @Test
    void zhuoAndZhaoReadingsBecomeZhe() {
        assertEquals("着力解决，着眼未来，着手改革，着重发展，执着",
            SimplifiedScript.of("著力解決，著眼未來，著手改革，著重發展，執著"));
    }

    @Test
    void zhuWordsKeepZhu() {
        assertEquals("成效显著，著作等身的著名学者，功勋卓著，名著，土著居民，以创新著称，他所著的书",
            SimplifiedScript.of("成效顯著，著作等身的著名學者，功勳卓著，名著，土著居民，以創新著稱，他所著的書"));
    }

    @Test
    void theSeedHasNoParticleZhuLeftAfterConversion() {
        String simplified = SimplifiedScript.of(SeedText.REPAIRED.text());
        assertEquals(2, count(simplified, "显著"));
        assertEquals(2, count(simplified, "著"));
        assertEquals(8, count(simplified, "随着"));
    }

    private static int count(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            n++;
        }
        return n;
    }
}
