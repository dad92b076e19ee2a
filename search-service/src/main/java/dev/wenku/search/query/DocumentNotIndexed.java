package dev.wenku.search.query;

/** No searchable document has this id (not indexed yet, or deleted); answered with 404. */
public class DocumentNotIndexed extends RuntimeException {

    public DocumentNotIndexed(String id) {
        super("No searchable document has the id " + id + ".");
    }
}
