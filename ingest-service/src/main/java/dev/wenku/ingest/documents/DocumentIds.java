package dev.wenku.ingest.documents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;

/**
 * Document ids derived from content: the same title and body always give the same id, so an upload repeated by a
 * retrying client or editor is recognised instead of duplicated.
 */
public final class DocumentIds {

    private DocumentIds() {
    }

    public static String of(String title, String body) {
        String canonical = normalize(title) + '\u0000' + normalize(body);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String normalize(String text) {
        return text == null ? "" : Normalizer.normalize(text.strip(), Normalizer.Form.NFC).replace("\r\n", "\n");
    }
}
