package dev.wenku.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wenku.events.DocumentStatusChanged;
import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.infrastructure.launcher.Infrastructure;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.ingest.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The registry's migrations and its status rule, on a real PostgreSQL. */
@ExtendWith(RealInfrastructureExtension.class)
class RegistrySchemaIT {

    private static Flyway flyway(String url) {
        return flyway(url, "latest");
    }

    /** Flyway migrating up to {@code target} ({@code latest}, or a version such as {@code 1}). */
    private static Flyway flyway(String url, String target) {
        Infrastructure servers = SharedInfrastructure.get();
        return Flyway.configure().dataSource(url, servers.postgresUsername(), servers.postgresPassword())
            .locations("classpath:db/migration").target(target).load();
    }

    private static Connection connect(String url) throws Exception {
        Infrastructure servers = SharedInfrastructure.get();
        return DriverManager.getConnection(url, servers.postgresUsername(), servers.postgresPassword());
    }

    @Test
    void theMigrationsBuildTheSchemaOnAnEmptyDatabaseAndLeaveAPopulatedOneAsItWas() throws Exception {
        String url = TestDatabase.create(SharedInfrastructure.get(), "wenku_schema_" + System.nanoTime());
        // The first release's schema, populated; then every later migration runs over the documents it holds.
        MigrateResult first = flyway(url, "1").migrate();
        assertThat(first.migrationsExecuted).isEqualTo(1);
        try (Connection db = connect(url)) {
            db.createStatement().execute("""
                insert into document (id, current_version, title, title_simplified, title_terms, title_sort, status,
                                      created_at, created_by, updated_at, updated_by)
                values ('a', 1, '標題', '标题', '{标,题,标题}', 'biaoti 标题', 'INDEXED', now(), 'x', now(), 'x')""");
            db.createStatement().execute("""
                insert into document_version (document_id, version, title, body, content_hash, status, status_at,
                                              created_at, created_by)
                values ('a', 1, '標題', '正文', 'h', 'INDEXED', now(), now(), 'x')""");
        }
        MigrateResult later = flyway(url).migrate();
        assertThat(later.migrationsExecuted).isGreaterThan(0);
        assertThat(flyway(url).migrate().migrationsExecuted).as("nothing runs twice").isZero();
        flyway(url).validate();
        try (Connection db = connect(url); ResultSet row = db.createStatement()
                .executeQuery("select v.body from document d join document_version v on v.document_id = d.id")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("正文");
        }
    }

    @Test
    void aStatusReportOnlyEverMovesAVersionForward() throws Exception {
        String url = TestDatabase.create(SharedInfrastructure.get(), "wenku_status_" + System.nanoTime());
        flyway(url).migrate();
        try (Connection db = connect(url);
             PreparedStatement advances = db.prepareStatement("select wenku_status_advances(?, ?)")) {
            // A late ANALYZED report does not undo INDEXED or FAILED.
            assertThat(advances(advances, Status.INDEXED, Status.ANALYZED)).isFalse();
            assertThat(advances(advances, Status.FAILED, Status.ANALYZED)).isFalse();
            assertThat(advances(advances, Status.FAILED, Status.RECEIVED)).isFalse();
            // A failed version becomes INDEXED when its replay is written.
            assertThat(advances(advances, Status.FAILED, Status.INDEXED)).isTrue();
            // A deleted document stays deleted whatever is reported later.
            for (Status reported : Status.values()) {
                assertThat(advances(advances, Status.DELETED, reported)).as(reported.name()).isFalse();
            }
            // Failure and deletion end any version in progress; progress moves forward.
            assertThat(advances(advances, Status.ANALYZED, Status.FAILED)).isTrue();
            assertThat(advances(advances, Status.INDEXED, Status.DELETED)).isTrue();
            assertThat(advances(advances, Status.RECEIVED, Status.ANALYZED)).isTrue();
            assertThat(advances(advances, Status.RECEIVED, Status.RECEIVED)).isFalse();
        }
    }

    @Test
    void anImportCountsItsVersionsAsTheirStatusesMoveAndNoOtherVersion() throws Exception {
        // c was stored by someone else: its progress is not the import's.
        String url = importOf(List.of("a", "b"), List.of("c"));
        PipelineStatuses statuses = statuses(url);

        statuses.apply(List.of(report("a", Status.ANALYZED), report("b", Status.INDEXED), report("c", Status.INDEXED)));
        assertThat(counts(url)).containsExactly(2, 1);
        // Reports again, and a late one: nothing moves, nothing is counted twice.
        statuses.apply(List.of(report("a", Status.ANALYZED), report("b", Status.ANALYZED)));
        assertThat(counts(url)).containsExactly(2, 1);
        statuses.apply(List.of(report("a", Status.INDEXED)));
        assertThat(counts(url)).containsExactly(2, 2);
        // A deleted document's version is no longer searchable.
        statuses.apply(List.of(report("b", Status.DELETED)));
        assertThat(counts(url)).containsExactly(1, 1);
    }

    @Test
    void reportsOfOneVersionInOneBatchAreAppliedInTheirOrder() throws Exception {
        String url = importOf(List.of("a", "b"), List.of());

        // a analysed then indexed in one batch; b's indexed report overtaken by a late analysed one.
        statuses(url).apply(List.of(report("a", Status.ANALYZED), report("b", Status.INDEXED),
            report("a", Status.INDEXED), report("b", Status.ANALYZED)));
        assertThat(counts(url)).containsExactly(2, 2);
        try (Connection db = connect(url); ResultSet rows = db.createStatement().executeQuery(
                "select d.status, v.status from document d join document_version v on v.document_id = d.id"
                    + " order by d.id")) {
            for (int i = 0; i < 2; i++) {
                assertThat(rows.next()).isTrue();
                assertThat(List.of(rows.getString(1), rows.getString(2))).containsExactly("INDEXED", "INDEXED");
            }
        }
    }

    /**
     * A new database with import {@code i} running, which stored version 1 of each of {@code imported}, and version 1
     * of each of {@code others} stored by someone else; every version just received.
     *
     * @return the database's URL
     */
    private static String importOf(List<String> imported, List<String> others) throws Exception {
        String url = TestDatabase.create(SharedInfrastructure.get(), "wenku_import_counts_" + System.nanoTime());
        flyway(url).migrate();
        try (Connection db = connect(url)) {
            db.createStatement().execute("""
                insert into import_job (id, format, spool_path, size_bytes, state, created_at, created_by)
                values ('i', 'ndjson', '/nowhere', 1, 'RUNNING', now(), 'x')""");
            for (String id : Stream.concat(imported.stream(), others.stream()).toList()) {
                db.createStatement().execute(("""
                    insert into document (id, current_version, title, title_simplified, title_terms, title_sort,
                                          status, created_at, created_by, updated_at, updated_by)
                    values ('%1$s', 1, 't', 't', '{t}', 't', 'RECEIVED', now(), 'x', now(), 'x');
                    insert into document_version (document_id, version, title, body, content_hash, status,
                                                  status_at, created_at, created_by)
                    values ('%1$s', 1, 't', 'b', 'h', 'RECEIVED', now(), now(), 'x')""").formatted(id));
            }
            for (String id : imported) {
                db.createStatement().execute("insert into import_version values ('i', '%s', 1)".formatted(id));
            }
        }
        return url;
    }

    private static PipelineStatuses statuses(String url) {
        return new PipelineStatuses(new NamedParameterJdbcTemplate(new DriverManagerDataSource(url,
            SharedInfrastructure.get().postgresUsername(), SharedInfrastructure.get().postgresPassword())));
    }

    private static DocumentStatusChanged report(String id, Status status) {
        return new DocumentStatusChanged(DocumentStatusChanged.SCHEMA_VERSION, id, 1, status, null, "test",
            Instant.now());
    }

    /** The import's analysed and indexed counts, as its progress shows them. */
    private static List<Integer> counts(String url) throws Exception {
        try (Connection db = connect(url);
             ResultSet row = db.createStatement().executeQuery("select analyzed, indexed from import_job")) {
            row.next();
            return List.of(row.getInt(1), row.getInt(2));
        }
    }

    private static boolean advances(PreparedStatement statement, Status current, Status reported) throws Exception {
        statement.setString(1, current.name());
        statement.setString(2, reported.name());
        try (ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getBoolean(1);
        }
    }
}
