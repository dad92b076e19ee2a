package dev.wenku.ingest.registry;

import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.ingest.registry.DocumentRecord.AnalysisSummary;
import dev.wenku.ingest.registry.DocumentRecord.CompilationRef;
import dev.wenku.text.RepairWarning;
import dev.wenku.text.SimplifiedScript;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/**
 * Reads the document records from PostgreSQL: one document, the editors' list (title search, filters, order,
 * paging: every filter has an index, so a page costs the same with a million documents), the documents made from
 * one file. Nothing is cached in the heap.
 */
@Component
public class DocumentRegistry {

    /** The list counts matching documents exactly up to this many; beyond, it says "at least". */
    static final int COUNT_LIMIT = 10_000;

    static final String COLUMNS = """
        d.id, d.current_version, d.title, d.source, d.author, d.tags, d.status, d.status_reason, d.compilation,
        d.source_hash, d.created_at, d.created_by, d.updated_at, d.updated_by,
        v.content_hash, v.encoding, v.repairs, v.warnings, v.analysis""";
    static final String CURRENT = "document d join document_version v on v.document_id = d.id"
        + " and v.version = d.current_version";

    private static final TypeReference<Map<String, Integer>> REPAIRS = new TypeReference<>() {
    };
    private static final TypeReference<List<RepairWarning>> WARNINGS = new TypeReference<>() {
    };

    private final NamedParameterJdbcTemplate jdbc;

    public DocumentRegistry(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<DocumentRecord> find(String id) {
        return jdbc.query("select " + COLUMNS + " from " + CURRENT + " where d.id = :id",
            Map.of("id", id), RECORD).stream().findFirst();
    }

    /** The documents whose source is {@code source}, e.g. those made from one file of the drop folder. */
    public List<DocumentRecord> findBySource(String source) {
        return jdbc.query("select " + COLUMNS + " from " + CURRENT + " where d.source = :source order by d.id",
            Map.of("source", source), RECORD);
    }

    public DocumentPage page(ListQuery query) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        String where = where(query, parameters);
        parameters.addValue("size", query.size()).addValue("from", query.from()).addValue("limit", COUNT_LIMIT + 1);
        List<DocumentRecord> documents = jdbc.query("select " + COLUMNS + " from " + CURRENT + where
            + " order by " + query.sort().orderBy() + " limit :size offset :from", parameters, RECORD);
        Long counted = jdbc.queryForObject("select count(*) from (select 1 from document d" + where
            + " limit :limit) matching", parameters, Long.class);
        long total = counted == null ? 0 : counted;
        return total > COUNT_LIMIT ? new DocumentPage(COUNT_LIMIT, "gte", documents)
            : new DocumentPage(total, "eq", documents);
    }

    private static String where(ListQuery query, MapSqlParameterSource parameters) {
        List<String> conditions = new ArrayList<>();
        if (!query.includeDeleted()) {
            conditions.add("d.status <> 'DELETED'");
        }
        if (query.title() != null && !query.title().isBlank()) {
            String simplified = SimplifiedScript.of(query.title().strip());
            List<String> terms = TitleTerms.ofQuery(simplified);
            if (!terms.isEmpty()) {
                conditions.add("d.title_terms @> cast(:terms as text[])");
                parameters.addValue("terms", terms.toArray(String[]::new));
            }
            conditions.add("lower(d.title_simplified) like :pattern escape '\\'");
            parameters.addValue("pattern", "%" + likeEscaped(simplified.toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        if (query.status() != null) {
            conditions.add("d.status = :status");
            parameters.addValue("status", query.status().name());
        }
        if (query.source() != null) {
            conditions.add("d.source = :source");
            parameters.addValue("source", query.source());
        }
        if (query.tag() != null) {
            conditions.add("d.tags @> cast(:tag as text[])");
            parameters.addValue("tag", new String[] {query.tag()});
        }
        if (query.author() != null) {
            conditions.add("d.author = :author");
            parameters.addValue("author", query.author());
        }
        if (query.since() != null) {
            conditions.add("d.updated_at >= :since");
            parameters.addValue("since", Timestamp.from(query.since()));
        }
        if (query.until() != null) {
            conditions.add("d.updated_at < :until");
            parameters.addValue("until", Timestamp.from(query.until()));
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static final RowMapper<DocumentRecord> RECORD = DocumentRegistry::record;

    private static DocumentRecord record(ResultSet row, int index) throws SQLException {
        return new DocumentRecord(
            row.getString("id"),
            row.getInt("current_version"),
            row.getString("title"),
            row.getString("source"),
            row.getString("author"),
            JsonColumns.strings(row, "tags"),
            row.getString("content_hash"),
            row.getString("source_hash"),
            row.getString("encoding"),
            JsonColumns.read(row, "repairs", REPAIRS),
            JsonColumns.read(row, "warnings", WARNINGS),
            Status.valueOf(row.getString("status")),
            row.getString("status_reason"),
            JsonColumns.read(row, "compilation", CompilationRef.class),
            JsonColumns.read(row, "analysis", AnalysisSummary.class),
            row.getTimestamp("created_at").toInstant(),
            row.getString("created_by"),
            row.getTimestamp("updated_at").toInstant(),
            row.getString("updated_by"));
    }
}
