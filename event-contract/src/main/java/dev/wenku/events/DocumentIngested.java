package dev.wenku.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A document accepted by ingest-service. JSON Schema: {@code schemas/document-ingested.v1.schema.json}.
 *
 * @param documentId stable id derived from the content
 * @param version    1 for a first upload, +1 for every stored change
 * @param author     who wrote the text, as the editor or the file's metadata gave it; null when unknown
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
    Instant ingestedAt,
    String author) implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;

    public DocumentIngested {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(body, "body");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** An event without an author (as the first release published them). */
    public DocumentIngested(int schemaVersion, String documentId, long version, String title, String body,
                            String source, List<String> tags, Instant ingestedAt) {
        this(schemaVersion, documentId, version, title, body, source, tags, ingestedAt, null);
    }

    public static DocumentIngested of(String documentId, long version, String title, String body, String source,
                                      List<String> tags, Instant ingestedAt) {
        return of(documentId, version, title, body, source, null, tags, ingestedAt);
    }

    public static DocumentIngested of(String documentId, long version, String title, String body, String source,
                                      String author, List<String> tags, Instant ingestedAt) {
        return new DocumentIngested(SCHEMA_VERSION, documentId, version, title, body, source, tags, ingestedAt,
            author);
    }
}
