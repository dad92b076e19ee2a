package dev.wenku.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A document after analysis. JSON Schema: {@code schemas/document-analyzed.v1.schema.json}.
 *
 * @param title          title as uploaded (original script), for display
 * @param body           body as uploaded (original script), for display
 * @param simplifiedTitle title converted to Simplified script, for matching
 * @param simplifiedBody body converted to Simplified script, for matching
 * @param keywords       most significant terms, strongest first
 */
public record DocumentAnalyzed(
    int schemaVersion,
    String documentId,
    long version,
    String title,
    String body,
    String simplifiedTitle,
    String simplifiedBody,
    String source,
    List<String> tags,
    List<Keyword> keywords,
    Instant ingestedAt,
    Instant analyzedAt) implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;

    public DocumentAnalyzed {
        Objects.requireNonNull(documentId, "documentId");
        tags = tags == null ? List.of() : List.copyOf(tags);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }

    /** A keyword and its weight (higher is more significant). */
    public record Keyword(String term, double weight) {
    }
}
