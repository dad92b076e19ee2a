package dev.wenku.ingest.registry;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentAnalyzed.Entity;
import dev.wenku.events.DocumentAnalyzed.Keyword;
import dev.wenku.events.DocumentAnalyzed.Theme;
import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.text.RepairWarning;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What ingest-service knows about a document: its current version, where it came from, who made and changed it,
 * what repair did to it, and how far the current version has come through the pipeline.
 * {@code GET /api/documents/{id}} shows it, with {@code version} as its ETag.
 *
 * @param contentHash hash of the stored title and body, to recognise an identical re-upload
 * @param sourceHash  hash of the uploaded file's bytes, to recognise an unchanged file in the drop folder
 * @param encoding    the character encoding detected in the upload (null for JSON uploads)
 * @param updatedAt   when the content last changed (an upload, edit, restore or deletion), not its status
 */
public record DocumentRecord(
    String id,
    long version,
    String title,
    String source,
    String author,
    List<String> tags,
    String contentHash,
    String sourceHash,
    String encoding,
    Map<String, Integer> repairs,
    List<RepairWarning> warnings,
    Status status,
    String statusReason,
    CompilationRef compilation,
    AnalysisSummary analysis,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    String updatedBy) {

    public DocumentRecord {
        tags = tags == null ? List.of() : List.copyOf(tags);
        repairs = repairs == null ? Map.of() : repairs;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public boolean deleted() {
        return status == Status.DELETED;
    }

    /** What analysis found in this version (null until it is analysed). */
    public record AnalysisSummary(List<Keyword> keywords, List<String> keyPhrases, String summary,
                                  List<Entity> entities, List<Theme> themes, String titlePinyin) {

        public static AnalysisSummary of(DocumentAnalyzed event) {
            return new AnalysisSummary(event.keywords(), event.keyPhrases(), event.summary(), event.entities(),
                event.themes(), event.titlePinyin());
        }
    }

    /** The compilation a document was split from: file name, preface, this essay's position (1-based), size. */
    public record CompilationRef(String name, String description, int position, int essays) {
    }
}
