package dev.wenku.ingest.registry;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentStatusChanged;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Folds the pipeline's reports into the versions they are about, a batch at a time (one statement per kind, sent
 * as a JDBC batch): a status only ever moves its version forward ({@code wenku_status_advances} in the schema: reports
 * of several services can cross each other), and the document's own status follows its current version's. The
 * document's row is locked first, as every writer of the registry does, and the version's after it: a version's new
 * status then moves its import's counts ({@code import_job}, by a trigger on {@code document_version}) last, so no two
 * transactions wait on each other's rows in a cycle. A version is committed before its event is published, so no
 * report can arrive before its version: nothing waits in memory.
 */
@Component
public class PipelineStatuses {

    private final NamedParameterJdbcTemplate jdbc;

    public PipelineStatuses(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void apply(List<DocumentStatusChanged> reports) {
        if (reports.isEmpty()) {
            return;
        }
        SqlParameterSource[] rows = reports.stream().map(report -> new MapSqlParameterSource()
                .addValue("id", report.documentId()).addValue("version", report.version())
                .addValue("status", report.status().name()).addValue("reason", report.reason())
                .addValue("at", Timestamp.from(report.at())))
            .toArray(SqlParameterSource[]::new);
        jdbc.batchUpdate("""
            update document set status = :status, status_reason = :reason
            where id = :id and current_version = :version and wenku_status_advances(status, :status)""", rows);
        jdbc.batchUpdate("""
            update document_version set status = :status, status_reason = :reason, status_at = :at
            where document_id = :id and version = :version and wenku_status_advances(status, :status)""", rows);
    }

    /** Keeps what analysis found in the version it analysed (a re-analysis replaces it). */
    @Transactional
    public void attach(List<DocumentAnalyzed> analyses) {
        if (analyses.isEmpty()) {
            return;
        }
        SqlParameterSource[] rows = analyses.stream().map(analysis -> new MapSqlParameterSource()
                .addValue("id", analysis.documentId()).addValue("version", analysis.version())
                .addValue("analysis", JsonColumns.write(DocumentRecord.AnalysisSummary.of(analysis))))
            .toArray(SqlParameterSource[]::new);
        jdbc.batchUpdate("update document_version set analysis = cast(:analysis as jsonb)"
            + " where document_id = :id and version = :version", rows);
    }
}
