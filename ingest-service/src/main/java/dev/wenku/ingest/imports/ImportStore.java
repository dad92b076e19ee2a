package dev.wenku.ingest.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The imports and their progress in PostgreSQL ({@code import_job}, {@code import_rejection}, {@code import_version}). */
@Component
class ImportStore {

    /** The rejections an import's page shows; all of them stay in the database. */
    static final int REJECTIONS_SHOWN = 100;

    private final NamedParameterJdbcTemplate jdbc;

    ImportStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What a batch of lines did, committed with the documents it stored. */
    record Progress(long position, int lines, int created, int updated, int unchanged, int rejected) {
    }

    void create(String id, String fileName, String spoolPath, long size, String user, Instant at) {
        jdbc.update("""
            insert into import_job (id, format, file_name, spool_path, size_bytes, state, created_at, created_by)
            values (:id, 'ndjson', :fileName, :spoolPath, :size, 'RUNNING', :at, :user)""",
            new MapSqlParameterSource("id", id).addValue("fileName", fileName).addValue("spoolPath", spoolPath)
                .addValue("size", size).addValue("at", Timestamp.from(at)).addValue("user", user));
    }

    /** Adds a batch's counts and moves the import's position past it (in the batch's transaction). */
    void advance(String id, Progress progress) {
        jdbc.update("""
            update import_job set position = :position, lines_read = lines_read + :lines,
                   created = created + :created, updated = updated + :updated, unchanged = unchanged + :unchanged,
                   rejected = rejected + :rejected
            where id = :id""", new MapSqlParameterSource("id", id).addValue("position", progress.position())
            .addValue("lines", progress.lines()).addValue("created", progress.created())
            .addValue("updated", progress.updated()).addValue("unchanged", progress.unchanged())
            .addValue("rejected", progress.rejected()));
    }

    void reject(String id, int line, String error, String message) {
        jdbc.update("""
            insert into import_rejection (import_id, line, error, message) values (:id, :line, :error, :message)
            on conflict do nothing""", Map.of("id", id, "line", line, "error", error, "message", message));
    }

    void stored(String id, String documentId, long version) {
        jdbc.update("""
            insert into import_version (import_id, document_id, version) values (:id, :document, :version)
            on conflict do nothing""", Map.of("id", id, "document", documentId, "version", version));
    }

    void finish(String id, String state, String error, Instant at) {
        jdbc.update("update import_job set state = :state, error = :error, finished_at = :at where id = :id",
            new MapSqlParameterSource("id", id).addValue("state", state).addValue("error", error)
                .addValue("at", Timestamp.from(at)));
    }

    /** The imports still to be worked through, oldest first (after a restart: where they stopped). */
    List<String> running() {
        return jdbc.queryForList("select id from import_job where state = 'RUNNING' order by created_at",
            Map.of(), String.class);
    }

    Optional<Job> job(String id) {
        return jdbc.query("select * from import_job where id = :id", Map.of("id", id), JOB).stream().findFirst();
    }

    List<Job> recent(int limit) {
        return jdbc.query("select * from import_job order by created_at desc limit :limit", Map.of("limit", limit),
            JOB);
    }

    /** How many of the versions an import stored are analysed (or further), and how many indexed. */
    long[] pipeline(String id) {
        return jdbc.queryForObject("""
            select count(*) filter (where v.status in ('ANALYZED', 'INDEXED')), count(*) filter (where v.status = 'INDEXED')
            from import_version i join document_version v on v.document_id = i.document_id and v.version = i.version
            where i.import_id = :id""", Map.of("id", id), (row, n) -> new long[] {row.getLong(1), row.getLong(2)});
    }

    List<ImportView.Rejection> rejections(String id) {
        return jdbc.query("select line, error, message from import_rejection where import_id = :id order by line"
            + " limit " + REJECTIONS_SHOWN, Map.of("id", id),
            (row, n) -> new ImportView.Rejection(row.getInt("line"), row.getString("error"), row.getString("message")));
    }

    /** One row of {@code import_job}. */
    record Job(String id, String fileName, String spoolPath, long size, String state, long position, int lines,
               int created, int updated, int unchanged, int rejected, String error, Instant createdAt,
               String createdBy, Instant finishedAt) {
    }

    private static final RowMapper<Job> JOB = ImportStore::job;

    private static Job job(ResultSet row, int index) throws SQLException {
        Timestamp finished = row.getTimestamp("finished_at");
        return new Job(row.getString("id"), row.getString("file_name"), row.getString("spool_path"),
            row.getLong("size_bytes"), row.getString("state"), row.getLong("position"), row.getInt("lines_read"),
            row.getInt("created"), row.getInt("updated"), row.getInt("unchanged"), row.getInt("rejected"),
            row.getString("error"), row.getTimestamp("created_at").toInstant(), row.getString("created_by"),
            finished == null ? null : finished.toInstant());
    }
}
