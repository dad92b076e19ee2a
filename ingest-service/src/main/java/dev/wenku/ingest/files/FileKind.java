package dev.wenku.ingest.files;

import java.util.Locale;
import java.util.Set;

/** How an uploaded file becomes text: decoded as plain text, extracted by Tika (HTML after a look at its encoding), or refused. */
enum FileKind {
    PLAIN_TEXT, HTML, EXTRACTED, UNSUPPORTED;

    static final String SUPPORTED = ".txt, .md, .html, .htm, .docx, .pdf";

    private static final Set<String> PLAIN = Set.of("txt", "text", "md", "markdown");
    private static final Set<String> HTML_PAGES = Set.of("html", "htm", "xhtml");
    private static final Set<String> EXTRACTABLE = Set.of("docx", "pdf");

    static FileKind of(String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        if (PLAIN.contains(extension)) {
            return PLAIN_TEXT;
        }
        if (HTML_PAGES.contains(extension)) {
            return HTML;
        }
        return EXTRACTABLE.contains(extension) ? EXTRACTED : UNSUPPORTED;
    }
}
