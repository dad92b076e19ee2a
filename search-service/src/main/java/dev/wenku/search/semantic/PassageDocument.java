package dev.wenku.search.semantic;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An entry of the passages index: a passage of a document with its vector, or (kind {@value #DOCUMENT}) the
 * document's own entry, whose vector is the mean of its passages' and which records how many passages it has, so a
 * new version with fewer passages removes the rest. Numbers are boxed: an entry of one kind lacks the other's fields.
 *
 * <p>A document's vector lies in a field of its own, {@code documentVector}, not in the passages' {@code vector}: a
 * poem of one passage has the same vector twice, and a search for passages would find each such poem twice (when the
 * passages had a graph, one of which half the nodes were exact copies of the other half lost its way). Each field
 * holds one kind of entry, so no search needs a filter by kind.
 *
 * @param documentId the document the entry belongs to
 * @param kind       {@value #PASSAGE} or {@value #DOCUMENT}
 * @param number     a passage's place in its document, from 1
 * @param text       a passage's text, as uploaded (original script), for display
 * @param start      offset of a passage in the document's body
 * @param end        offset just past a passage in the document's body
 * @param passages   on the document's entry: how many passages it has
 * @param model      the model that made the vector
 * @param vector     a passage's unit vector
 * @param documentVector the document's unit vector, on its own entry
 * @param partition  a passage's partition ({@link Partitions#tag}); null until a training has partitioned the
 *                   passages, or until its sweep reaches one written without it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PassageDocument(String documentId, String kind, Integer number, String text, Integer start, Integer end,
                              Integer passages, String model, float[] vector, float[] documentVector,
                              String partition) {

    public static final String PASSAGE = "passage";
    public static final String DOCUMENT = "document";

    static PassageDocument passage(String documentId, Passage passage, String displayText, float[] vector,
                                   String partition) {
        return new PassageDocument(documentId, PASSAGE, passage.number(), displayText, passage.start(), passage.end(),
            null, PassageEmbedder.MODEL, vector, null, partition);
    }

    static PassageDocument document(String documentId, int passages, float[] vector) {
        return new PassageDocument(documentId, DOCUMENT, null, null, null, null, passages, PassageEmbedder.MODEL,
            null, vector, null);
    }

    /**
     * This entry as the current mapping holds it: a document's entry of mapping 1 had its vector in {@code vector},
     * which a copy into the current index moves to {@code documentVector}.
     */
    PassageDocument current() {
        return DOCUMENT.equals(kind) && vector != null
            ? new PassageDocument(documentId, kind, number, text, start, end, passages, model, null, vector, null)
            : this;
    }

    /** This passage tagged with {@code tag}, its partition. */
    PassageDocument inPartition(String tag) {
        return new PassageDocument(documentId, kind, number, text, start, end, passages, model, vector, documentVector,
            tag);
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
