package dev.wenku.ingest.originals;

/**
 * The bytes an editor sent, as sent: a file (with its name and type) or a text/plain body. Kept with the versions
 * they made for {@code wenku.ingest.originals.retention}.
 */
public record OriginalUpload(String fileName, String mediaType, byte[] bytes) {
}
