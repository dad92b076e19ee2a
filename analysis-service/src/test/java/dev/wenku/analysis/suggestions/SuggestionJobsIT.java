package dev.wenku.analysis.suggestions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wenku.analysis.engine.ThemeSuggester.SuggestedTheme;
import dev.wenku.infrastructure.launcher.Infrastructure;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.infrastructure.launcher.TestDatabases;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Theme-suggestion jobs in PostgreSQL: one at a time, their result kept, and a job whose instance died not left running. */
@ExtendWith(RealInfrastructureExtension.class)
class SuggestionJobsIT {

    private JdbcTemplate jdbc;
    private SuggestionJobs jobs;

    @BeforeEach
    void emptyDatabase() {
        Infrastructure servers = SharedInfrastructure.get();
        DriverManagerDataSource source = new DriverManagerDataSource(TestDatabases.create(servers, "wenku_suggestions"),
            servers.postgresUsername(), servers.postgresPassword());
        source.setSchema("analysis");
        Flyway.configure().dataSource(source).schemas("analysis").locations("classpath:db/analysis").load().migrate();
        jdbc = new JdbcTemplate(source);
        jobs = new SuggestionJobs(jdbc);
    }

    @Test
    void aDoneJobKeepsItsSuggestionsAndTheNextMayStart() {
        long id = jobs.start(3, "editor", Instant.now()).orElseThrow();
        assertThat(jobs.start(3, "another", Instant.now())).as("one at a time").isEmpty();

        jobs.progress(id, 0.5);
        assertThat(jobs.find(id).orElseThrow().progress()).isEqualTo(0.5);
        jobs.done(id, 40, List.of(new SuggestedTheme(List.of("边塞", "征人"), 12)), Instant.now());

        SuggestionJobs.Job done = jobs.find(id).orElseThrow();
        assertThat(done.state()).isEqualTo("DONE");
        assertThat(done.progress()).isEqualTo(1.0);
        assertThat(done.suggestions()).containsExactly(new SuggestedTheme(List.of("边塞", "征人"), 12));
        assertThat(jobs.start(3, "another", Instant.now())).isPresent();
    }

    @Test
    void aJobWhoseInstanceStoppedRenewingItIsShownFailedAndNoLongerBlocksTheNext() {
        long id = jobs.start(8, "editor", Instant.now()).orElseThrow();
        jdbc.update("update theme_suggestion_job set heartbeat = now() - ? * interval '1 second' where id = ?",
            SuggestionJobs.SILENCE.toSeconds() + 1, id);

        SuggestionJobs.Job silent = jobs.find(id).orElseThrow();
        assertThat(silent.state()).isEqualTo("FAILED");
        assertThat(silent.error()).contains("stopped");
        assertThat(jobs.start(8, "editor", Instant.now())).isPresent();
    }
}
