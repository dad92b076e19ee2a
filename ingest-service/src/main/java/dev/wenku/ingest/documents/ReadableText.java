package dev.wenku.ingest.documents;

import dev.wenku.support.problem.ErrorCode;

/**
 * Whether a text has anything to read. Blanks of every kind (no-break, ideographic, zero-width), control characters,
 * NULs and stray punctuation are not a document; one letter, ideograph or digit is.
 */
public final class ReadableText {

    private ReadableText() {
    }

    static boolean isPresentIn(String text) {
        return text != null && text.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /**
     * Refuses a decoded or extracted text with nothing to read (only blanks or control characters), naming
     * {@code what} it came from ("The text", a file's name).
     */
    public static void require(String text, String what) {
        if (!isPresentIn(text)) {
            throw new UploadRejectedException(ErrorCode.EMPTY_BODY, what
                + " contains no text (no letter, character or digit).");
        }
    }
}
