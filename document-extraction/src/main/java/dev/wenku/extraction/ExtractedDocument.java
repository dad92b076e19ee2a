package dev.wenku.extraction;

import java.util.Objects;

/**
 * Text of an uploaded document.
 *
 * @param text      the plain text, paragraphs separated by line breaks
 * @param mediaType the detected media type without parameters, e.g. {@code application/pdf}
 * @param title     the title from the document's metadata (HTML {@code <title>}, PDF/Word properties), or null
 * @param author    the author from the document's metadata (HTML {@code <meta name="author">}, PDF/Word
 *                  properties), several joined with {@code 、}, or null
 */
public record ExtractedDocument(String text, String mediaType, String title, String author) {
    public ExtractedDocument {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(mediaType, "mediaType");
    }
}
