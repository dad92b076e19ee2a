package dev.wenku.ingest.registry;

import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.ingest.registry.DocumentRecord.AnalysisSummary;
import dev.wenku.ingest.registry.DocumentRecord.CompilationRef;
import dev.wenku.text.RepairWarning;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * Reads the document records from PostgreSQL: one document, the editors' list (title search, filters, order,
 * paging), the documents made from one file. Nothing is cached in the heap.
 *
 * <p>A page of the list is read one of two ways, chosen here from PostgreSQL's estimates (an {@code EXPLAIN} each, a
 * millisecond): <em>gathered</em> through the index of its most selective condition (the others tested on the rows
 * read), counted exactly and sorted, or <em>walked</em> along the order's index until the page is full, with the
 * estimate as its total. Gathering costs the rows of that condition, walking about (page end) × (documents ÷
 * matching ones); the cheaper wins. PostgreSQL's own choice between the same plans was measured up to 20 times slower
 * among a million documents, and combining the bitmaps of every condition up to 40 times ({@link ListFilters}).
 */
@Component
public class DocumentRegistry {

    /**
     * The list pages through the first this many matching documents: a deeper offset would make PostgreSQL walk past
     * every document before it, and nobody pages through a thousand titles when a search or a filter finds the one they
     * want.
     */
    public static final int WINDOW = 1_000;

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
    /** A page is read in a transaction of its own: the planner settings of its statements end with it. */
    private final TransactionTemplate transactions;

    public DocumentRegistry(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions.getTransactionManager());
        this.transactions.setReadOnly(true);
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
        ListFilters filters = ListFilters.of(query, parameters);
        parameters.addValue("fetch", query.size() + 1).addValue("from", query.from());
        long matching = estimate(filters.whereIndexed(), parameters);
        ListFilters.Condition gatherBy = null;
        long gatherRows = Long.MAX_VALUE;
        for (ListFilters.Condition condition : filters.conditions()) {
            long rows = estimate(filters.whereAlone(condition), parameters);
            if (rows < gatherRows) {
                gatherRows = rows;
                gatherBy = condition;
            }
        }
        // Walking the order's index passes over (page end) × (documents / matching ones) rows; gathering reads the
        // rows of the most selective indexed condition. The cheaper wins.
        double walkRows = (query.from() + query.size() + 1.0) * estimate(filters.whereBase(), parameters)
            / Math.max(1, matching);
        boolean gather = gatherBy != null && gatherRows <= walkRows;
        String where = gather ? filters.whereOnlyIndexed(gatherBy) : filters.whereIndexed();
        Page page = transactions.execute(status -> gather ? gathered(query, where, parameters)
            : walked(query, where, parameters, matching));
        List<DocumentRecord> rows = page.rows();
        boolean more = rows.size() > query.size() && query.from() + query.size() < WINDOW;
        return new DocumentPage(page.total(), page.relation(), more, rows.size() > query.size()
            ? rows.subList(0, query.size()) : rows);
    }

    /** Up to size + 1 rows of the page, and the list's total. */
    private record Page(List<DocumentRecord> rows, long total, String relation) {
    }

    /**
     * All the documents of the gathering condition's index, tested, counted and sorted. Without sequential scans, so
     * that PostgreSQL reads that index (the other conditions are written so that none serves them).
     */
    private Page gathered(ListQuery query, String where, MapSqlParameterSource parameters) {
        jdbc.getJdbcTemplate().execute("set local enable_seqscan = off");
        List<Long> totals = new ArrayList<>();
        List<DocumentRecord> rows = jdbc.query("with matching as materialized (select d.id, d.updated_at, d.title_sort,"
            + " d.status from document d" + where + "), page as (select m.id from matching m order by "
            + query.sort().orderBy().replace("d.", "m.") + " limit :fetch offset :from)"
            + " select " + COLUMNS + ", (select count(*) from matching) as matching_total"
            + " from page p join (" + CURRENT + ") on d.id = p.id order by " + query.sort().orderBy(), parameters,
            (row, index) -> {
                totals.add(row.getLong("matching_total"));
                return RECORD.mapRow(row, index);
            });
        return new Page(rows, totals.isEmpty() ? count(where, parameters) : totals.getFirst(), "eq");
    }

    /**
     * The page read along the order's index. Without bitmap or sequential scans: PostgreSQL would otherwise trade the
     * walk for bitmaps of the conditions, or for a scan of the whole table, on its estimates of their selectivity.
     */
    private Page walked(ListQuery query, String where, MapSqlParameterSource parameters, long matching) {
        jdbc.getJdbcTemplate().execute("set local enable_seqscan = off");
        jdbc.getJdbcTemplate().execute("set local enable_bitmapscan = off");
        List<DocumentRecord> rows = jdbc.query("select " + COLUMNS + " from " + CURRENT + where + " order by "
            + query.sort().orderBy() + " limit :fetch offset :from", parameters, RECORD);
        // A short list is counted all the same (a thousand rows at most): estimates of small tables are rough.
        long counted = matching <= WINDOW ? countUpTo(WINDOW, where, parameters) : WINDOW + 1;
        return counted <= WINDOW ? new Page(rows, counted, "eq")
            : new Page(rows, Math.max(matching, query.from() + rows.size()), "about");
    }

    /** The planner's estimate of the matching documents (from the tables' statistics, in a millisecond). */
    private long estimate(String where, MapSqlParameterSource parameters) {
        String plan = jdbc.queryForObject("explain (format json) select 1 from document d" + where, parameters,
            String.class);
        Matcher rows = PLAN_ROWS.matcher(plan == null ? "" : plan);
        return rows.find() ? Long.parseLong(rows.group(1)) : Long.MAX_VALUE;
    }

    /** The matching documents, counted up to {@code limit} + 1. */
    private long countUpTo(int limit, String where, MapSqlParameterSource parameters) {
        Long counted = jdbc.queryForObject("select count(*) from (select 1 from document d" + where + " limit "
            + (limit + 1) + ") matching", parameters, Long.class);
        return counted == null ? 0 : counted;
    }

    /** An exact count, when the page is past the last match (cheap: only lists gathered get here). */
    private long count(String where, MapSqlParameterSource parameters) {
        Long counted = jdbc.queryForObject("select count(*) from document d" + where, parameters, Long.class);
        return counted == null ? 0 : counted;
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
