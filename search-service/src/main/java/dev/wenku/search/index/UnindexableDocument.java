package dev.wenku.search.index;

/** Elasticsearch refused the document itself (not a passing outage): retrying cannot help. */
public class UnindexableDocument extends RuntimeException {

    public UnindexableDocument(String documentId, Throwable cause) {
        super("Elasticsearch refused document " + documentId + ": " + cause.getMessage(), cause);
    }
}
