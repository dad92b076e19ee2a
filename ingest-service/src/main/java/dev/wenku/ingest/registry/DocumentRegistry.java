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
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /**
     * The list pages through the first this many matching documents: a deeper offset would make PostgreSQL walk past
     * every document before it, and nobody pages through a thousand titles when a search or a filter finds the one they
     * want.
     */
    public static final int WINDOW = 1_000;

    /**
     * Up to this many matching documents (by the planner's estimate), a page is taken from all of them, gathered
     * through the indexes of the filters, and counted exactly; beyond, it is read along the order's index until the
     * page is full, and the total is the estimate. Gathering costs in proportion to the matches, the walk in proportion
     * to the documents it passes over (the page's end divided by the share that match), so each is used where it is
     * cheap; PostgreSQL's own choice between the two, made on per-row costs that are far from the real ones, was
     * measured at up to 20 times slower (docs/adr/0007).
     */
    static final long GATHER_LIMIT = 5_000;

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

    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*(\\d+)");

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
        parameters.addValue("fetch", query.size() + 1).addValue("from", query.from());
        long estimate = estimate(where, parameters);
        List<DocumentRecord> rows;
        long total;
        String relation;
        if (estimate <= GATHER_LIMIT) {
            List<Long> totals = new ArrayList<>();
            rows = jdbc.query("with matching as materialized (select d.id, d.updated_at, d.title_sort, d.status"
                + " from document d" + where + "), page as (select m.id from matching m order by "
                + query.sort().orderBy().replace("d.", "m.") + " limit :fetch offset :from)"
                + " select " + COLUMNS + ", (select count(*) from matching) as matching_total"
                + " from page p join (" + CURRENT + ") on d.id = p.id order by " + query.sort().orderBy(), parameters,
                (row, index) -> {
                    totals.add(row.getLong("matching_total"));
                    return RECORD.mapRow(row, index);
                });
            total = totals.isEmpty() ? count(where, parameters) : totals.getFirst();
            relation = "eq";
        } else {
            rows = jdbc.query("select " + COLUMNS + " from " + CURRENT + where + " order by "
                + query.sort().orderBy() + " limit :fetch offset :from", parameters, RECORD);
            total = Math.max(estimate, query.from() + rows.size());
            relation = "about";
        }
        boolean more = rows.size() > query.size() && query.from() + query.size() < WINDOW;
        return new DocumentPage(total, relation, more, rows.size() > query.size() ? rows.subList(0, query.size())
            : rows);
    }

    /** The planner's estimate of the matching documents (from the tables' statistics, in a millisecond). */
    private long estimate(String where, MapSqlParameterSource parameters) {
        String plan = jdbc.queryForObject("explain (format json) select 1 from document d" + where, parameters,
            String.class);
        Matcher rows = PLAN_ROWS.matcher(plan == null ? "" : plan);
        return rows.find() ? Long.parseLong(rows.group(1)) : Long.MAX_VALUE;
    }

    /** An exact count, when the page is past the last match (cheap: only estimated-small lists get here). */
    private long count(String where, MapSqlParameterSource parameters) {
        Long counted = jdbc.queryForObject("select count(*) from document d" + where, parameters, Long.class);
        return counted == null ? 0 : counted;
    }

    private static String where(ListQuery query, MapSqlParameterSource parameters) {
        List<String> conditions = new ArrayList<>();
        if (!query.includeDeleted()) {
            conditions.add("d.status <> 'DELETED'");
        }
        if (query.title() != null && !query.title().isBlank()) {
            String simplified = SimplifiedScript.of(query.title().strip()).toLowerCase(Locale.ROOT);
            List<String> terms = TitleTerms.ofQuery(simplified);
            if (!terms.isEmpty()) {
                conditions.add("d.title_terms @> cast(:terms as text[])");
                parameters.addValue("terms", terms.toArray(String[]::new));
            }
            // One term that is the whole query (a character, a pair, a word) matches exactly; the planner estimates
            // it from the terms' statistics, which a LIKE beside it would only blur.
            if (!(terms.size() == 1 && terms.getFirst().equals(simplified))) {
                conditions.add("lower(d.title_simplified) like :pattern escape '\\'");
                parameters.addValue("pattern", "%" + likeEscaped(simplified) + "%");
            }
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
