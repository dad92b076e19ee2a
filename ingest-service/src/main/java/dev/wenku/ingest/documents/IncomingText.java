package dev.wenku.ingest.documents;

import dev.wenku.ingest.files.DecodedFile;
import dev.wenku.ingest.originals.OriginalUpload;
import java.util.List;

/**
 * Text on its way in, whatever the upload form was.
 *
 * @param text          decoded text, not yet repaired
 * @param encoding      the detected character encoding, or null when the text arrived as JSON
 * @param source        where it came from (file name, drop-folder path, editor note), or null
 * @param sourceHash    hash of the uploaded bytes (drop folder), or null
 * @param declaredTitle the title the uploader gave, or null to take it from the text
 * @param author        who wrote the text, when the uploader or the file says so, or null
 * @param split         whether a compilation of several essays is split into its essays
 * @param original      the uploaded bytes to keep with the versions (null for JSON uploads)
 * @param user          the account that uploaded it, or the component that did ({@code drop-folder})
 */
public record IncomingText(String text, String encoding, String source, String sourceHash, String declaredTitle,
                           String author, List<String> tags, boolean split, OriginalUpload original, String user) {

    public IncomingText {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /**
     * An uploaded file's text, with the title and author its metadata gives and its bytes kept as the version's
     * original; the {@code with…} methods add what the uploader said about it.
     */
    public static IncomingText ofFile(DecodedFile decoded, String source, OriginalUpload original, boolean split,
                                      String user) {
        return new IncomingText(decoded.text(), decoded.encoding(), source, null, decoded.title(),
            blankAsNull(decoded.author()), List.of(), split, original, user);
    }

    /** The same text under the title the uploader gave, if any (otherwise the one it had). */
    public IncomingText withTitle(String title) {
        return title == null ? this : new IncomingText(text, encoding, source, sourceHash, title, author, tags, split,
            original, user);
    }

    /** The same text by the author the uploader gave, if any (otherwise the one its file's metadata gave). */
    public IncomingText withAuthor(String author) {
        return blankAsNull(author) == null ? this
            : new IncomingText(text, encoding, source, sourceHash, declaredTitle, author.strip(), tags, split, original,
                user);
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public IncomingText withTags(List<String> tags) {
        return new IncomingText(text, encoding, source, sourceHash, declaredTitle, author, tags, split, original, user);
    }

    /** The same text, known by the hash of the bytes it came from (the drop folder's "unchanged" check). */
    public IncomingText withSourceHash(String hash) {
        return new IncomingText(text, encoding, source, hash, declaredTitle, author, tags, split, original, user);
    }
}
