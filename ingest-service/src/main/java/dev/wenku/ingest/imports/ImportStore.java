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

    /** What a batch of lines or files did, committed with the documents it stored. */
    record Progress(long position, int read, int created, int updated, int unchanged, int rejected) {

        /** No batch: another instance is storing one of the import, or has moved past the position. */
        static final Progress ELSEWHERE = new Progress(-1, 0, 0, 0, 0, 0);
    }

    /**
     * Holds the import for the caller's transaction (a transaction-scoped advisory lock, so the pipeline's updates of
     * the import's counts never wait for it) if no other instance does and it is still running at {@code position}.
     */
    boolean holdAt(String id, long position) {
        Boolean held = jdbc.queryForObject("select pg_try_advisory_xact_lock(hashtextextended(:id, 0))",
            Map.of("id", id), Boolean.class);
        if (!Boolean.TRUE.equals(held)) {
            return false;
        }
        List<Long> at = jdbc.queryForList("select position from import_job where id = :id and state = 'RUNNING'",
            Map.of("id", id), Long.class);
        return at.size() == 1 && at.getFirst() == position;
    }

    /** A new import of a spooled body; {@code totalItems} is how many files a zip holds, null for NDJSON. */
    void create(String id, ImportFormat format, String fileName, String spoolPath, long size, Integer totalItems,
                String user, Instant at) {
        jdbc.update("""
            insert into import_job (id, format, file_name, spool_path, size_bytes, total_items, state, created_at,
                                    created_by)
            values (:id, :format, :fileName, :spoolPath, :size, :total, 'RUNNING', :at, :user)""",
            new MapSqlParameterSource("id", id).addValue("format", format.code()).addValue("fileName", fileName)
                .addValue("spoolPath", spoolPath).addValue("size", size).addValue("total", totalItems)
                .addValue("at", Timestamp.from(at)).addValue("user", user));
    }

    /** Adds a batch's counts and moves the import's position past it (in the batch's transaction). */
    void advance(String id, Progress progress) {
        jdbc.update("""
            update import_job set position = :position, lines_read = lines_read + :lines,
                   created = created + :created, updated = updated + :updated, unchanged = unchanged + :unchanged,
                   rejected = rejected + :rejected
            where id = :id""", new MapSqlParameterSource("id", id).addValue("position", progress.position())
            .addValue("lines", progress.read()).addValue("created", progress.created())
            .addValue("updated", progress.updated()).addValue("unchanged", progress.unchanged())
            .addValue("rejected", progress.rejected()));
    }

    /**
     * @param number   the line's number, or the file's number in the import (its rejections' order)
     * @param fileName the file's path in the zip; null for a line
     */
    void reject(String id, int number, String fileName, String error, String message) {
        jdbc.update("""
            insert into import_rejection (import_id, line, file_name, error, message)
            values (:id, :line, :fileName, :error, :message)
            on conflict do nothing""", new MapSqlParameterSource("id", id).addValue("line", number)
            .addValue("fileName", fileName).addValue("error", error).addValue("message", message));
    }

    /** A version an import stored, which its progress follows through the pipeline. */
    record StoredVersion(String documentId, long version) {
    }

    /** Records the versions a batch of the import stored: one statement for the batch, not one per version. */
    void stored(String id, List<StoredVersion> versions) {
        if (versions.isEmpty()) {
            return;
        }
        jdbc.update("""
            insert into import_version (import_id, document_id, version)
            select :id, d, v from unnest(cast(:documents as text[]), cast(:versions as bigint[])) as s(d, v)
            on conflict do nothing""", new MapSqlParameterSource("id", id)
            .addValue("documents", versions.stream().map(StoredVersion::documentId).toArray(String[]::new))
            .addValue("versions", versions.stream().map(StoredVersion::version).toArray(Long[]::new)));
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

    List<ImportView.Rejection> rejections(String id) {
        return jdbc.query("select line, file_name, error, message from import_rejection where import_id = :id"
            + " order by line limit " + REJECTIONS_SHOWN, Map.of("id", id), (row, n) -> {
                String file = row.getString("file_name");
                return new ImportView.Rejection(file == null ? row.getInt("line") : null, file, row.getString("error"),
                    row.getString("message"));
            });
    }

    /**
     * One row of {@code import_job}.
     *
     * @param position   where the next item starts: a byte offset into NDJSON, an entry index into a zip
     * @param read       lines or files read
     * @param totalItems the files of a zip; null for NDJSON
     * @param analyzed   of the versions it stored, how many are analysed or further (kept by a trigger of V5)
     */
    record Job(String id, ImportFormat format, String fileName, String spoolPath, long size, Integer totalItems,
               String state, long position, int read, int created, int updated, int unchanged, int rejected,
               int analyzed, int indexed, String error, Instant createdAt, String createdBy, Instant finishedAt) {
    }

    private static final RowMapper<Job> JOB = ImportStore::job;

    private static Job job(ResultSet row, int index) throws SQLException {
        Timestamp finished = row.getTimestamp("finished_at");
        return new Job(row.getString("id"), ImportFormat.of(row.getString("format")), row.getString("file_name"),
            row.getString("spool_path"), row.getLong("size_bytes"), row.getObject("total_items", Integer.class),
            row.getString("state"), row.getLong("position"), row.getInt("lines_read"),
            row.getInt("created"), row.getInt("updated"), row.getInt("unchanged"), row.getInt("rejected"),
            row.getInt("analyzed"), row.getInt("indexed"), row.getString("error"),
            row.getTimestamp("created_at").toInstant(), row.getString("created_by"),
            finished == null ? null : finished.toInstant());
    }
}
