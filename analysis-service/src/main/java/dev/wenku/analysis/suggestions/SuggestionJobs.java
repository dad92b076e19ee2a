package dev.wenku.analysis.suggestions;

import dev.wenku.analysis.engine.ThemeSuggester.SuggestedTheme;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The theme-suggestion jobs in PostgreSQL ({@code V3__theme_suggestion_jobs.sql}), shared by every instance. */
@Component
class SuggestionJobs {

    /**
     * How long a running job may go without a heartbeat before it is taken for failed: its instance renews it at
     * least every second while it works, so this is only reached when the instance stopped.
     */
    static final Duration SILENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<SuggestedTheme>> SUGGESTIONS = new TypeReference<>() {
    };

    /** A job as the API shows it: {@code progress} from 0 to 1; paragraphs and suggestions once it is done. */
    record Job(long id, String state, int topics, double progress, Integer paragraphs, List<SuggestedTheme> suggestions,
               String error, String requestedBy, Instant startedAt, Instant finishedAt) {
    }

    private final JdbcTemplate jdbc;

    SuggestionJobs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new running job; empty while another is running (anywhere). */
    Optional<Long> start(int topics, String requestedBy, Instant at) {
        failSilent();
        try {
            return Optional.ofNullable(jdbc.queryForObject("""
                    insert into theme_suggestion_job (state, topics, requested_by, heartbeat, started_at)
                    values ('RUNNING', ?, ?, now(), ?) returning id""", Long.class, topics, requestedBy,
                Timestamp.from(at)));
        } catch (DuplicateKeyException running) {
            return Optional.empty();
        }
    }

    /** Records how far the job got, which is also its heartbeat. */
    void progress(long id, double progress) {
        jdbc.update("update theme_suggestion_job set progress = ?, heartbeat = now() where id = ? and state = 'RUNNING'",
            progress, id);
    }

    void done(long id, int paragraphs, List<SuggestedTheme> suggestions, Instant at) {
        jdbc.update("""
                update theme_suggestion_job set state = 'DONE', progress = 1, paragraphs = ?,
                       suggestions = cast(? as jsonb), finished_at = ?
                where id = ?""", paragraphs, JSON.writeValueAsString(suggestions), Timestamp.from(at), id);
    }

    void failed(long id, String error, Instant at) {
        jdbc.update("update theme_suggestion_job set state = 'FAILED', error = ?, finished_at = ? where id = ?", error,
            Timestamp.from(at), id);
    }

    Optional<Job> find(long id) {
        failSilent();
        return jdbc.query("select * from theme_suggestion_job where id = ?", SuggestionJobs::job, id).stream()
            .findFirst();
    }

    /** The latest jobs, newest first. */
    List<Job> latest(int limit) {
        failSilent();
        return jdbc.query("select * from theme_suggestion_job order by id desc limit ?", SuggestionJobs::job, limit);
    }

    /** Marks failed the running jobs whose instance stopped renewing them. */
    private void failSilent() {
        jdbc.update("""
                update theme_suggestion_job set state = 'FAILED', finished_at = now(),
                       error = 'The instance computing the suggestions stopped; ask for them again.'
                where state = 'RUNNING' and heartbeat < now() - ? * interval '1 millisecond'""", SILENCE.toMillis());
    }

    private static Job job(ResultSet row, int index) throws SQLException {
        String suggestions = row.getString("suggestions");
        Timestamp finished = row.getTimestamp("finished_at");
        return new Job(row.getLong("id"), row.getString("state"), row.getInt("topics"), row.getDouble("progress"),
            (Integer) row.getObject("paragraphs"), suggestions == null ? null : JSON.readValue(suggestions, SUGGESTIONS),
            row.getString("error"), row.getString("requested_by"), row.getTimestamp("started_at").toInstant(),
            finished == null ? null : finished.toInstant());
    }
}
