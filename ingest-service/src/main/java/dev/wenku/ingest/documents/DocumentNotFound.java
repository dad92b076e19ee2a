package dev.wenku.ingest.documents;

/** No document has this id; answered with 404. */
public class DocumentNotFound extends RuntimeException {

    public DocumentNotFound(String id) {
        super("No document has the id " + id + ".");
    }
}
