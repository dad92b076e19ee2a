package dev.wenku.ingest.documents;

import java.util.List;

/**
 * Text on its way in, whatever the upload form was.
 *
 * @param text          decoded text, not yet repaired
 * @param encoding      the detected character encoding, or null when the text arrived as JSON
 * @param source        where it came from (file name, drop-folder path, editor note), or null
 * @param sourceHash    hash of the uploaded bytes (drop folder), or null
 * @param declaredTitle the title the uploader gave, or null to take it from the text
 * @param split         whether a compilation of several essays is split into its essays
 */
public record IncomingText(String text, String encoding, String source, String sourceHash, String declaredTitle,
                           List<String> tags, boolean split) {

    public IncomingText {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
