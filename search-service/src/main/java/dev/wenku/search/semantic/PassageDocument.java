package dev.wenku.search.semantic;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An entry of the passages index: a passage of a document with its vector, or (kind {@value #DOCUMENT}) the
 * document's own entry, whose vector is the mean of its passages' and which records how many passages it has, so a
 * new version with fewer passages removes the rest. Numbers are boxed: an entry of one kind lacks the other's fields.
 *
 * @param documentId the document the entry belongs to
 * @param kind       {@value #PASSAGE} or {@value #DOCUMENT}
 * @param number     a passage's place in its document, from 1
 * @param text       a passage's text, as uploaded (original script), for display
 * @param start      offset of a passage in the document's body
 * @param end        offset just past a passage in the document's body
 * @param passages   on the document's entry: how many passages it has
 * @param model      the model that made the vector
 * @param vector     the unit vector
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PassageDocument(String documentId, String kind, Integer number, String text, Integer start, Integer end,
                              Integer passages, String model, float[] vector) {

    public static final String PASSAGE = "passage";
    public static final String DOCUMENT = "document";

    static PassageDocument passage(String documentId, Passage passage, String displayText, float[] vector) {
        return new PassageDocument(documentId, PASSAGE, passage.number(), displayText, passage.start(), passage.end(),
            null, PassageEmbedder.MODEL, vector);
    }

    static PassageDocument document(String documentId, int passages, float[] vector) {
        return new PassageDocument(documentId, DOCUMENT, null, null, null, null, passages, PassageEmbedder.MODEL,
            vector);
    }

    /** The id of a document's entry. */
    static String documentEntryId(String documentId) {
        return documentId + "#" + DOCUMENT;
    }

    /** The id of a document's passage {@code number}. */
    static String passageId(String documentId, int number) {
        return documentId + "#" + number;
    }

    /** This entry's id in the index. */
    String id() {
        return PASSAGE.equals(kind) ? passageId(documentId, number) : documentEntryId(documentId);
    }
}
