package dev.wenku.ingest.documents;

/**
 * Whether a text has anything to read. Blanks of every kind (no-break, ideographic, zero-width), control characters,
 * NULs and stray punctuation are not a document; one letter, ideograph or digit is.
 */
public final class ReadableText {

    private ReadableText() {
    }

    public static boolean isPresentIn(String text) {
        return text != null && text.codePoints().anyMatch(Character::isLetterOrDigit);
    }
}
