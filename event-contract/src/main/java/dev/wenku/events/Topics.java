package dev.wenku.events;

/** Kafka topics of the pipeline. Every record is keyed by document id, so one document's events stay in order. */
public final class Topics {

    /** {@link DocumentIngested} events, published by ingest-service, consumed by analysis-service. */
    public static final String DOCUMENTS_INGESTED = "wenku.documents.ingested";

    /** {@link DocumentAnalyzed} events, published by analysis-service, consumed by search-service. */
    public static final String DOCUMENTS_ANALYZED = "wenku.documents.analyzed";

    private Topics() {
    }
}
