package dev.wenku.extraction;

import java.nio.charset.StandardCharsets;

/**
 * Whether a PDF still has its end: the {@code %%EOF} marker, which readers look for in the last 1024 bytes. PDFBox
 * reads a PDF cut short by scanning for the objects that survived, so a truncated file would otherwise yield
 * whatever part of its text happened to arrive.
 */
final class PdfEnd {

    private static final int TAIL_BYTES = 1024;
    private static final byte[] MARKER = "%%EOF".getBytes(StandardCharsets.US_ASCII);

    private PdfEnd() {
    }

    static boolean isPresent(byte[] pdf) {
        for (int at = pdf.length - MARKER.length; at >= Math.max(0, pdf.length - TAIL_BYTES); at--) {
            if (matchesAt(pdf, at)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAt(byte[] pdf, int at) {
        for (int i = 0; i < MARKER.length; i++) {
            if (pdf[at + i] != MARKER[i]) {
                return false;
            }
        }
        return true;
    }
}
