package dev.wenku.extraction;

import static dev.wenku.extraction.Fixtures.file;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PdfEndTest {

    @Test
    void aCompletePdfEndsWithEof() {
        assertTrue(PdfEnd.isPresent(file("essay.pdf")));
    }

    @Test
    void aPdfCutShortHasNoEof() {
        byte[] pdf = file("essay.pdf");
        assertFalse(PdfEnd.isPresent(Arrays.copyOf(pdf, pdf.length - 10)));
        assertFalse(PdfEnd.isPresent(file("truncated.pdf")));
        assertFalse(PdfEnd.isPresent(new byte[0]));
    }

    @Test
    void junkAfterEofIsToleratedUpTo1024Bytes() {
        byte[] pdf = file("essay.pdf");
        byte[] junk = "\r\n".repeat(400).getBytes(StandardCharsets.US_ASCII);
        byte[] padded = Arrays.copyOf(pdf, pdf.length + junk.length);
        System.arraycopy(junk, 0, padded, pdf.length, junk.length);
        assertTrue(PdfEnd.isPresent(padded));
    }
}
