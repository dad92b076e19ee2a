package dev.wenku.events;

/**
 * Kafka topics of the pipeline. Every record is keyed by document id, so one document's events stay in order.
 * On {@link #DOCUMENTS_INGESTED} and {@link #DOCUMENTS_ANALYZED} a record without a value (a tombstone) means the
 * document with that key was deleted.
 */
public final class Topics {

    /** {@link DocumentIngested} events, published by ingest-service, consumed by analysis-service. */
    public static final String DOCUMENTS_INGESTED = "wenku.documents.ingested";

    /** {@link DocumentAnalyzed} events, published by analysis-service, consumed by search-service. */
    public static final String DOCUMENTS_ANALYZED = "wenku.documents.analyzed";

    /**
     * {@link DocumentStatusChanged} events, published by analysis-service and search-service, consumed by
     * ingest-service, which keeps each document's pipeline status.
     */
    public static final String DOCUMENT_STATUS = "wenku.documents.status";

    private Topics() {
    }
}
