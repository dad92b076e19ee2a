package dev.wenku.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A document accepted by ingest-service. JSON Schema: {@code schemas/document-ingested.v1.schema.json}.
 *
 * @param documentId stable id derived from the content
 * @param version    1 for a first upload, +1 for every stored change
 * @param ingestedAt when the upload was accepted; the start of the end-to-end freshness measurement
 */
public record DocumentIngested(
    int schemaVersion,
    String documentId,
    long version,
    String title,
    String body,
    String source,
    List<String> tags,
    Instant ingestedAt) implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;

    public DocumentIngested {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(body, "body");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static DocumentIngested of(String documentId, long version, String title, String body, String source,
                                      List<String> tags, Instant ingestedAt) {
        return new DocumentIngested(SCHEMA_VERSION, documentId, version, title, body, source, tags, ingestedAt);
    }
}
