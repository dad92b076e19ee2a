package dev.wenku.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A stage of the pipeline finished with a document version. JSON Schema:
 * {@code schemas/document-status-changed.v1.schema.json}. ingest-service folds these into the document record that
 * {@code GET /api/documents/{id}} shows.
 *
 * @param status  {@link Status#ANALYZED}, {@link Status#INDEXED}, {@link Status#DELETED} or {@link Status#FAILED}
 * @param reason  why, for {@link Status#FAILED}; otherwise null
 * @param service the service that reports
 */
public record DocumentStatusChanged(
    int schemaVersion,
    String documentId,
    long version,
    Status status,
    String reason,
    String service,
    Instant at) implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;

    /** Pipeline states of a document version, in the order a healthy document passes them. */
    public enum Status { RECEIVED, ANALYZED, INDEXED, DELETED, FAILED }

    public DocumentStatusChanged {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(status, "status");
    }

    public static DocumentStatusChanged of(String documentId, long version, Status status, String reason,
                                           String service, Instant at) {
        return new DocumentStatusChanged(SCHEMA_VERSION, documentId, version, status, reason, service, at);
    }
}
