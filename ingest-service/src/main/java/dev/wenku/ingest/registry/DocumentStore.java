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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
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

    /** A document's current version, with its row locked to the end of the transaction; empty when there is none. */
    public Optional<Current> lock(String id) {
        return Optional.ofNullable(lockAll(List.of(id)).get(id));
    }

    /**
     * Locks the rows of those of the documents that exist, in the order of their ids (two transactions locking
     * overlapping sets never wait on each other in a cycle), and returns their current versions by id. The rows are
     * locked in a statement of their own, then the versions read: a locking read joined to the version would, after
     * waiting for a concurrent writer, re-check the join against the version it started with and find nothing.
     */
    public Map<String, Current> lockAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String[] sorted = ids.stream().distinct().sorted().toArray(String[]::new);
        List<String> locked = jdbc.queryForList("select id from document where id = any(cast(:ids as text[]))"
            + " order by id for update", Map.of("ids", sorted), String.class);
        if (locked.isEmpty()) {
            return Map.of();
        }
        Map<String, Current> currents = new HashMap<>();
        jdbc.query("""
                select d.id, d.current_version, d.status, v.content_hash, d.title, d.source, d.author, d.tags,
                       d.compilation, d.created_at
                from document d join document_version v on v.document_id = d.id and v.version = d.current_version
                where d.id = any(cast(:ids as text[]))""", Map.of("ids", locked.toArray(String[]::new)),
            (RowCallbackHandler) row -> currents.put(row.getString("id"), new Current(
                row.getString("id"), row.getInt("current_version"), Status.valueOf(row.getString("status")),
                row.getString("content_hash"), row.getString("title"), row.getString("source"), row.getString("author"),
                JsonColumns.strings(row, "tags"), JsonColumns.read(row, "compilation", CompilationRef.class),
                row.getTimestamp("created_at").toInstant())));
        return currents;
    }

    /**
     * Creates the documents of these first versions (their rows only: {@link #insertVersions} stores the versions),
     * one statement each in one round trip, and returns the ids created. A document another transaction created
     * meanwhile is not created (nor changed): {@link #lockAll} it and store its next version instead.
     */
    public Set<String> claim(List<NewVersion> firsts) {
        if (firsts.isEmpty()) {
            return Set.of();
        }
        int[] counts = jdbc.batchUpdate(INSERT_DOCUMENT, firsts.stream().map(DocumentStore::received)
            .toArray(SqlParameterSource[]::new));
        Set<String> created = new HashSet<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                created.add(firsts.get(i).id());
            }
        }
        return created;
    }

    /** Moves locked documents ({@link #lockAll}) to these next versions, in this order; then {@link #insertVersions}. */
    public void advance(List<NewVersion> nexts) {
        if (nexts.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
            update document set current_version = :version, title = :title, title_simplified = :titleSimplified,
                   title_terms = :titleTerms, title_sort = :titleSort, source = :source, author = :author, tags = :tags,
                   status = 'RECEIVED', status_reason = null, compilation = cast(:compilation as jsonb),
                   source_hash = :sourceHash, updated_at = :at, updated_by = :user
            where id = :id""", nexts.stream().map(DocumentStore::received).toArray(SqlParameterSource[]::new));
    }

    /**
     * Stores new versions of documents this transaction created ({@link #claim}) or advanced ({@link #advance}), and
     * their events in the outbox in the same order, each kind in one round trip.
     */
    public void insertVersions(List<NewVersion> versions) {
        if (versions.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT_VERSION, versions.stream().map(DocumentStore::receivedVersion)
            .toArray(SqlParameterSource[]::new));
        outbox.append(versions.stream().map(version -> new Outbox.Event(Topics.DOCUMENTS_INGESTED, version.id(),
            EventJson.MAPPER.writeValueAsBytes(DocumentIngested.of(version.id(), version.version(), version.title(),
                version.body(), version.source(), version.author(), version.tags(), version.at())))).toList(),
            versions.getFirst().at());
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

    /** The columns of a new version that has just been received: status RECEIVED, no analysis yet. */
    private static MapSqlParameterSource received(NewVersion version) {
        return received(columns(version), version);
    }

    /**
     * {@link #received} for the version's own row, without the document's title columns: deriving those (the title in
     * Simplified script, its terms, its sort key) is most of what a version's columns cost, and a new document's row
     * already had them.
     */
    private static MapSqlParameterSource receivedVersion(NewVersion version) {
        return received(versionColumns(version), version);
    }

    private static MapSqlParameterSource received(MapSqlParameterSource columns, NewVersion version) {
        return columns.addValue("status", Status.RECEIVED.name()).addValue("reason", null)
            .addValue("analysis", null).addValue("updatedAt", Timestamp.from(version.at()));
    }

    /** The columns of both the document's row and the version's. */
    private static MapSqlParameterSource columns(NewVersion version) {
        TitleColumns title = TitleColumns.of(version.title());
        return versionColumns(version)
            .addValue("titleSimplified", title.simplified())
            .addValue("titleTerms", title.terms().toArray(String[]::new))
            .addValue("titleSort", title.sortKey());
    }

    private static MapSqlParameterSource versionColumns(NewVersion version) {
        return new MapSqlParameterSource()
            .addValue("id", version.id())
            .addValue("version", version.version())
            .addValue("title", version.title())
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
