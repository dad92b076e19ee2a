package dev.wenku.ingest.registry;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentStatusChanged;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Folds the pipeline's reports into the versions they are about, a batch at a time: a status only ever moves its
 * version forward ({@code wenku_status_advances} in the schema: reports of several services can cross each other), and
 * the document's own status follows its current version's. The documents' rows are updated first, as every writer of
 * the registry locks them, and the versions' after them: their new statuses then move their imports' counts
 * ({@code import_job}, by a statement trigger on {@code document_version}) last, so no two transactions wait on each
 * other's rows in a cycle. A version is committed before its event is published, so no report can arrive before its
 * version: nothing waits in memory.
 *
 * <p>A batch is one statement per table (the reports as arrays, {@code unnest}), not a statement per report: each
 * statement is a round trip and a parse, and each moved the import's counts on its own (one new version of
 * {@code import_job}'s row per report). A statement updates a row once, so reports of the same version in one batch
 * (analysed, then indexed) go in successive rounds, in the order they came.
 */
@Component
public class PipelineStatuses {

    private static final String ROWS = """
        unnest(cast(:ids as text[]), cast(:versions as bigint[]), cast(:statuses as text[]), cast(:reasons as text[]),
               cast(:ats as text[])) as r(id, version, status, reason, at)""";

    private final NamedParameterJdbcTemplate jdbc;

    public PipelineStatuses(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void apply(List<DocumentStatusChanged> reports) {
        for (List<DocumentStatusChanged> round : rounds(reports)) {
            MapSqlParameterSource rows = new MapSqlParameterSource()
                .addValue("ids", round.stream().map(DocumentStatusChanged::documentId).toArray(String[]::new))
                .addValue("versions", round.stream().map(DocumentStatusChanged::version).toArray(Long[]::new))
                .addValue("statuses", round.stream().map(report -> report.status().name()).toArray(String[]::new))
                .addValue("reasons", round.stream().map(DocumentStatusChanged::reason).toArray(String[]::new))
                .addValue("ats", round.stream().map(report -> report.at().toString()).toArray(String[]::new));
            jdbc.update("update document d set status = r.status, status_reason = r.reason from " + ROWS
                + " where d.id = r.id and d.current_version = r.version and wenku_status_advances(d.status, r.status)",
                rows);
            jdbc.update("update document_version v set status = r.status, status_reason = r.reason,"
                + " status_at = cast(r.at as timestamptz) from " + ROWS + " where v.document_id = r.id"
                + " and v.version = r.version and wenku_status_advances(v.status, r.status)", rows);
        }
    }

    /**
     * The reports in rounds where each version appears at most once: its first report in the first round, its second
     * in the second, and so on.
     */
    private static List<List<DocumentStatusChanged>> rounds(List<DocumentStatusChanged> reports) {
        List<List<DocumentStatusChanged>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (DocumentStatusChanged report : reports) {
            int round = seen.merge(versionKey(report.documentId(), report.version()), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(report);
        }
        return rounds;
    }

    /** One version of one document, as a map key. */
    private static String versionKey(String documentId, long version) {
        return documentId + "\u0000" + version;
    }

    /**
     * Keeps what analysis found in the version it analysed (a re-analysis replaces it; the last of a version wins), and
     * moves the version (and the document, if it is its current version) to {@code ANALYZED} where that advances it,
     * in the same statements: the analysis is the news of that status, so {@link PipelineListener} leaves the
     * separate {@code ANALYZED} report aside. A version's row is then updated once for both instead of twice: the
     * registry's updates were most of what it cost PostgreSQL per imported document.
     */
    @Transactional
    public void attach(List<DocumentAnalyzed> analyses) {
        Map<String, DocumentAnalyzed> latest = new LinkedHashMap<>();
        analyses.forEach(analysis -> latest.put(versionKey(analysis.documentId(), analysis.version()), analysis));
        if (latest.isEmpty()) {
            return;
        }
        List<DocumentAnalyzed> rows = List.copyOf(latest.values());
        MapSqlParameterSource values = new MapSqlParameterSource()
            .addValue("ids", rows.stream().map(DocumentAnalyzed::documentId).toArray(String[]::new))
            .addValue("versions", rows.stream().map(DocumentAnalyzed::version).toArray(Long[]::new))
            .addValue("ats", rows.stream().map(analysis -> Objects.toString(analysis.analyzedAt(), null))
                .toArray(String[]::new))
            .addValue("analyses", rows.stream()
                .map(analysis -> JsonColumns.write(DocumentRecord.AnalysisSummary.of(analysis))).toArray(String[]::new));
        String analysed = """
            unnest(cast(:ids as text[]), cast(:versions as bigint[]), cast(:ats as text[]), cast(:analyses as text[]))
                 as r(id, version, at, analysis)""";
        jdbc.update("update document d set status = 'ANALYZED', status_reason = null from " + analysed
            + " where d.id = r.id and d.current_version = r.version and wenku_status_advances(d.status, 'ANALYZED')",
            values);
        jdbc.update("""
            update document_version v set analysis = cast(r.analysis as jsonb),
                   status = case when %1$s then 'ANALYZED' else v.status end,
                   status_reason = case when %1$s then null else v.status_reason end,
                   status_at = case when %1$s then coalesce(cast(r.at as timestamptz), now()) else v.status_at end
            from %2$s
            where v.document_id = r.id and v.version = r.version"""
            .formatted("wenku_status_advances(v.status, 'ANALYZED')", analysed), values);
    }
}
