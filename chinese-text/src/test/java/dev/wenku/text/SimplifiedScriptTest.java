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
}
