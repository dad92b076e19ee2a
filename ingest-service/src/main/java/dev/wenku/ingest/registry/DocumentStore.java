package dev.wenku.ingest.registry;

import dev.wenku.events.DocumentIngested;
import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.events.EventJson;
import dev.wenku.events.Topics;
import dev.wenku.ingest.outbox.Outbox;
import dev.wenku.ingest.registry.DocumentRecord.AnalysisSummary;
import dev.wenku.ingest.registry.DocumentRecord.CompilationRef;
import dev.wenku.text.RepairWarning;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes versions to the registry, each with its event in the {@link Outbox}, within the caller's transaction.
 * Concurrent writers of one document are serialised by a lock on its row (taken first), so versions are numbered
 * without gaps or duplicates, and each version's event enters the outbox after the previous version's.
 */
@Component
public class DocumentStore {

    private static final String INSERT_DOCUMENT = """
        insert into document (id, current_version, title, title_simplified, title_terms, title_sort, source, author,
                              tags, status, status_reason, compilation, source_hash, created_at, created_by,
                              updated_at, updated_by)
        values (:id, :version, :title, :titleSimplified, :titleTerms, :titleSort, :source, :author, :tags, :status,
                :reason, cast(:compilation as jsonb), :sourceHash, :at, :user, :updatedAt, :user)
        on conflict (id) do nothing""";

    private static final String INSERT_VERSION = """
        insert into document_version (document_id, version, title, body, source, author, tags, encoding, repairs,
                                      warnings, content_hash, upload_id, restored_from, status, status_reason,
                                      status_at, analysis, created_at, created_by)
        values (:id, :version, :title, :body, :source, :author, :tags, :encoding, cast(:repairs as jsonb),
                cast(:warnings as jsonb), :contentHash, :uploadId, :restoredFrom, :status, :reason, :updatedAt,
                cast(:analysis as jsonb), :at, :user)
        on conflict (document_id, version) do nothing""";

    private final NamedParameterJdbcTemplate jdbc;
    private final Outbox outbox;

    public DocumentStore(NamedParameterJdbcTemplate jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** A document's current version, as its next change needs it; read with a lock held to the end of the transaction. */
    public record Current(String id, int version, Status status, String contentHash, String title, String source,
                          String author, List<String> tags, CompilationRef compilation, Instant createdAt) {

        public boolean deleted() {
            return status == Status.DELETED;
        }
    }

    /** What a new version holds. {@code uploadId} names the stored upload it came from (null: none kept). */
    public record NewVersion(String id, int version, String title, String body, String source, String author,
                             List<String> tags, String encoding, Map<String, Integer> repairs,
                             List<RepairWarning> warnings, String contentHash, CompilationRef compilation,
                             String sourceHash, Long uploadId, Integer restoredFrom, String user, Instant at) {
    }

    /**
     * Locks the document's row and returns its current version; empty when there is no such document. The lock is
     * taken on the row alone, then the version read in a statement of its own: a locking read joined to the version
     * would, after waiting for a concurrent writer, re-check the join against the version it started with and find
     * nothing.
     */
    public Optional<Current> lock(String id) {
        if (jdbc.queryForList("select id from document where id = :id for update", Map.of("id", id)).isEmpty()) {
            return Optional.empty();
        }
        return jdbc.query("""
                select d.id, d.current_version, d.status, v.content_hash, d.title, d.source, d.author, d.tags,
                       d.compilation, d.created_at
                from document d join document_version v on v.document_id = d.id and v.version = d.current_version
                where d.id = :id""", Map.of("id", id), (row, i) -> new Current(
                row.getString("id"), row.getInt("current_version"), Status.valueOf(row.getString("status")),
                row.getString("content_hash"), row.getString("title"), row.getString("source"), row.getString("author"),
                JsonColumns.strings(row, "tags"), JsonColumns.read(row, "compilation", CompilationRef.class),
                row.getTimestamp("created_at").toInstant()))
            .stream().findFirst();
    }

    /**
     * Stores version 1 of a new document; returns false (and stores nothing) when another transaction created the
     * document meanwhile: then {@link #lock} it and store the next version.
     */
    public boolean create(NewVersion first) {
        if (jdbc.update(INSERT_DOCUMENT, received(first)) == 0) {
            return false;
        }
        insertVersion(first);
        return true;
    }

    /** Stores the next version of a document whose row the transaction holds locked ({@link #lock}). */
    public void update(NewVersion next) {
        jdbc.update("""
            update document set current_version = :version, title = :title, title_simplified = :titleSimplified,
                   title_terms = :titleTerms, title_sort = :titleSort, source = :source, author = :author, tags = :tags,
                   status = 'RECEIVED', status_reason = null, compilation = cast(:compilation as jsonb),
                   source_hash = :sourceHash, updated_at = :at, updated_by = :user
            where id = :id""", received(next));
        insertVersion(next);
    }

    /** Marks a locked document deleted and queues its tombstone. */
    public void delete(Current current, String user, Instant at) {
        Map<String, Object> row = Map.of("id", current.id(), "version", current.version(), "user", user,
            "at", Timestamp.from(at));
        jdbc.update("update document set status = 'DELETED', status_reason = null, updated_at = :at,"
            + " updated_by = :user where id = :id", row);
        jdbc.update("update document_version set status = 'DELETED', status_reason = null, status_at = :at"
            + " where document_id = :id and version = :version", row);
        outbox.append(List.of(new Outbox.Event(Topics.DOCUMENTS_INGESTED, current.id(), null)), at);
    }

    /**
     * Stores a version that is already in Kafka (the upgrade from the Kafka-backed registry): as it was, with its
     * status and analysis, and no event.
     */
    public void importVersion(NewVersion version, Status status, String statusReason, AnalysisSummary analysis,
                              Instant updatedAt) {
        MapSqlParameterSource columns = columns(version)
            .addValue("status", status.name()).addValue("reason", statusReason)
            .addValue("analysis", JsonColumns.write(analysis))
            .addValue("updatedAt", Timestamp.from(updatedAt != null ? updatedAt : version.at()));
        jdbc.update(INSERT_DOCUMENT, columns);
        jdbc.update(INSERT_VERSION, columns);
    }

    private void insertVersion(NewVersion version) {
        jdbc.update(INSERT_VERSION, received(version));
        DocumentIngested event = DocumentIngested.of(version.id(), version.version(), version.title(), version.body(),
            version.source(), version.author(), version.tags(), version.at());
        outbox.append(List.of(new Outbox.Event(Topics.DOCUMENTS_INGESTED, version.id(),
            EventJson.MAPPER.writeValueAsBytes(event))), version.at());
    }

    /** The columns of a new version that has just been received: status RECEIVED, no analysis yet. */
    private static MapSqlParameterSource received(NewVersion version) {
        return columns(version).addValue("status", Status.RECEIVED.name()).addValue("reason", null)
            .addValue("analysis", null).addValue("updatedAt", Timestamp.from(version.at()));
    }

    private static MapSqlParameterSource columns(NewVersion version) {
        TitleColumns title = TitleColumns.of(version.title());
        return new MapSqlParameterSource()
            .addValue("id", version.id())
            .addValue("version", version.version())
            .addValue("title", version.title())
            .addValue("titleSimplified", title.simplified())
            .addValue("titleTerms", title.terms().toArray(String[]::new))
            .addValue("titleSort", title.sortKey())
            .addValue("source", version.source())
            .addValue("author", version.author())
            .addValue("tags", (version.tags() == null ? List.<String>of() : version.tags()).toArray(String[]::new))
            .addValue("compilation", JsonColumns.write(version.compilation()))
            .addValue("sourceHash", version.sourceHash())
            .addValue("user", version.user())
            .addValue("at", Timestamp.from(version.at()))
            .addValue("body", version.body())
            .addValue("encoding", version.encoding())
            .addValue("repairs", JsonColumns.write(version.repairs() == null ? Map.of() : version.repairs()))
            .addValue("warnings", JsonColumns.write(version.warnings() == null ? List.of() : version.warnings()))
            .addValue("contentHash", version.contentHash())
            .addValue("uploadId", version.uploadId())
            .addValue("restoredFrom", version.restoredFrom());
    }
}
