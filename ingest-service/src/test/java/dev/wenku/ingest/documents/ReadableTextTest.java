package dev.wenku.ingest.documents;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadableTextTest {

    @Test
    void blanksControlsAndZeroWidthCharactersAreNoText() {
        assertFalse(ReadableText.isPresentIn(null));
        assertFalse(ReadableText.isPresentIn(""));
        assertFalse(ReadableText.isPresentIn(" \t\n\u3000\u00A0\u2003"));
        assertFalse(ReadableText.isPresentIn("\u0000\u0001\u001B\u007F\u0085\u200B\uFEFF"));
        assertFalse(ReadableText.isPresentIn("。，！……——"));
    }

    @Test
    void oneIdeographLetterOrDigitIsText() {
        assertTrue(ReadableText.isPresentIn("\u0000 新 \u0000"));
        assertTrue(ReadableText.isPresentIn("  a"));
        assertTrue(ReadableText.isPresentIn("２０２４"));
        assertTrue(ReadableText.isPresentIn("\uD840\uDC00"));
    }
}
