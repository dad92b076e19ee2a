package dev.wenku.search.index;

import dev.wenku.events.DocumentAnalyzed;
import java.time.Instant;
import java.util.List;

/** A document as stored in Elasticsearch; field names match {@code index/documents-v1.json}. */
public record IndexedDocument(
    String id,
    long version,
    String title,
    String body,
    String simplifiedTitle,
    String simplifiedBody,
    List<String> keywords,
    String source,
    List<String> tags,
    Instant ingestedAt,
    Instant analyzedAt,
    Instant indexedAt) {

    public static IndexedDocument from(DocumentAnalyzed event, Instant indexedAt) {
        return new IndexedDocument(event.documentId(), event.version(), event.title(), event.body(),
            event.simplifiedTitle(), event.simplifiedBody(),
            event.keywords().stream().map(DocumentAnalyzed.Keyword::term).toList(),
            event.source(), event.tags(), event.ingestedAt(), event.analyzedAt(), indexedAt);
    }
}
