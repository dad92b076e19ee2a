package dev.wenku.ingest.files;

/**
 * A file's text.
 *
 * @param encoding the detected character encoding of a plain-text file; null for formats that carry their own
 * @param mediaType the detected media type
 * @param title    the title from the file's metadata, or null
 * @param author   the author from the file's metadata, or null
 */
public record DecodedFile(String text, String encoding, String mediaType, String title, String author) {
}
