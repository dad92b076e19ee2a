package dev.wenku.extraction;

import java.util.Map;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;

/** The document types whose text is extracted, with the words used for them in error messages. */
final class SupportedTypes {

    private static final Map<String, String> LABELS = Map.of(
            "text/html", "HTML page",
            "application/xhtml+xml", "HTML page",
            "application/pdf", "PDF",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document",
            "application/msword", "Word document",
            "application/rtf", "RTF document",
            "application/vnd.oasis.opendocument.text", "OpenDocument text",
            "application/epub+zip", "EPUB book",
            "text/plain", "text file");

    private final MediaTypeRegistry registry;

    SupportedTypes(MediaTypeRegistry registry) {
        this.registry = registry;
    }

    /** Also true for the specialisations of text/plain (Markdown, CSV, ...): those are read as text. */
    boolean accepts(MediaType type) {
        MediaType base = type.getBaseType();
        return LABELS.containsKey(base.toString()) || registry.isSpecializationOf(base, MediaType.TEXT_PLAIN);
    }

    static String label(MediaType type) {
        return LABELS.getOrDefault(type.getBaseType().toString(), "file");
    }
}
