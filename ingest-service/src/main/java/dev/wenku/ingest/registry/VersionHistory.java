package dev.wenku.ingest.registry;

import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.ingest.documents.DocumentNotFoundException;
import dev.wenku.ingest.registry.DocumentRecord.AnalysisSummary;
import dev.wenku.text.RepairWarning;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/** Every version of a document, as stored: the list, one version with its text, and the difference of two. */
@Component
public class VersionHistory {

    private static final TypeReference<Map<String, Integer>> REPAIRS = new TypeReference<>() {
    };
    private static final TypeReference<List<RepairWarning>> WARNINGS = new TypeReference<>() {
    };

    /**
     * One version in the list: who made it and when, whether it restored an earlier one, the file it came from (while
     * kept), how long its text is, and how far it got through the pipeline.
     */
    public record VersionSummary(int version, String title, String source, String author, List<String> tags,
                                 int characters, String contentHash, Status status, String statusReason,
                                 Integer restoredFrom, Upload upload, Instant createdAt, String createdBy) {
    }

    /** The uploaded file a version came from; {@code kept} false once its bytes were purged. */
    public record Upload(long id, String fileName, String mediaType, long size, boolean kept) {
    }

    /** One version with its whole text. */
    public record Version(String documentId, int version, String title, String body, String source, String author,
                          List<String> tags, String encoding, Map<String, Integer> repairs,
                          List<RepairWarning> warnings, String contentHash, Status status, String statusReason,
                          Integer restoredFrom, Upload upload, AnalysisSummary analysis, Instant createdAt,
                          String createdBy) {
    }

    private static final String UPLOAD_COLUMNS = "u.id as upload_id, u.file_name, u.media_type, u.size_bytes,"
        + " u.content is not null as kept";

    private final NamedParameterJdbcTemplate jdbc;

    public VersionHistory(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first. */
    public List<VersionSummary> versions(String id) {
        List<VersionSummary> versions = jdbc.query("""
            select v.version, v.title, v.source, v.author, v.tags, char_length(v.body) as characters, v.content_hash,
                   v.status, v.status_reason, v.restored_from, v.created_at, v.created_by, """ + UPLOAD_COLUMNS + """

            from document_version v left join upload u on u.id = v.upload_id
            where v.document_id = :id order by v.version desc""", Map.of("id", id), (row, i) -> new VersionSummary(
                row.getInt("version"), row.getString("title"), row.getString("source"), row.getString("author"),
                JsonColumns.strings(row, "tags"), row.getInt("characters"), row.getString("content_hash"),
                Status.valueOf(row.getString("status")), row.getString("status_reason"), restoredFrom(row),
                upload(row), row.getTimestamp("created_at").toInstant(), row.getString("created_by")));
        if (versions.isEmpty()) {
            throw new DocumentNotFoundException(id);
        }
        return versions;
    }

    public Version version(String id, int version) {
        return jdbc.query("""
            select v.*, """ + UPLOAD_COLUMNS + """

            from document_version v left join upload u on u.id = v.upload_id
            where v.document_id = :id and v.version = :version""", Map.of("id", id, "version", version),
                (row, i) -> new Version(id, row.getInt("version"), row.getString("title"), row.getString("body"),
                    row.getString("source"), row.getString("author"), JsonColumns.strings(row, "tags"),
                    row.getString("encoding"), JsonColumns.read(row, "repairs", REPAIRS),
                    JsonColumns.read(row, "warnings", WARNINGS), row.getString("content_hash"),
                    Status.valueOf(row.getString("status")), row.getString("status_reason"), restoredFrom(row),
                    upload(row), JsonColumns.read(row, "analysis", AnalysisSummary.class),
                    row.getTimestamp("created_at").toInstant(), row.getString("created_by")))
            .stream().findFirst()
            .orElseThrow(() -> new DocumentNotFoundException(id, version));
    }

    /** What changed from version {@code from} to version {@code to}: in the title and, readably, in the text. */
    public TextDiff diff(String id, int from, int to) {
        Version older = version(id, from);
        Version newer = version(id, to);
        return TextDiff.of(from, to, older.title(), newer.title(), older.body(), newer.body());
    }

    private static Integer restoredFrom(ResultSet row) throws SQLException {
        int value = row.getInt("restored_from");
        return row.wasNull() ? null : value;
    }

    private static Upload upload(ResultSet row) throws SQLException {
        long uploadId = row.getLong("upload_id");
        return row.wasNull() ? null : new Upload(uploadId, row.getString("file_name"), row.getString("media_type"),
            row.getLong("size_bytes"), row.getBoolean("kept"));
    }
}
