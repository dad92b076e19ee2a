package dev.wenku.ingest.files;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Whether an HTML page names its character encoding (a {@code <meta charset>} or {@code http-equiv} Content-Type, or
 * an XML declaration) in its first 1024 bytes, where browsers look for it.
 */
final class HtmlCharset {

    private static final int PRESCAN_BYTES = 1024;
    private static final Pattern DECLARATION = Pattern.compile(
        "<meta[^>]*charset\\s*=|<\\?xml[^>]*encoding\\s*=", Pattern.CASE_INSENSITIVE);

    private HtmlCharset() {
    }

    static boolean isDeclared(byte[] page) {
        String prefix = new String(page, 0, Math.min(page.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
        return DECLARATION.matcher(prefix).find();
    }
}
