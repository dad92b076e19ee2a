package dev.wenku.infrastructure.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL as the launcher starts it: a password over TCP, committed rows surviving a crash of every
 * server process (SIGKILL, then a restart that replays the write-ahead log), and no postgres left behind when the
 * launcher or the server's own JVM dies. Only processes these tests started are killed.
 */
class PostgresServerIT {

    private static final Duration GONE = Duration.ofSeconds(60);
    private static final int SHUT_DOWN = 1;
    private static final int IN_PRODUCTION = 6;

    @TempDir
    Path data;

    @Test
    void aPasswordIsRequiredAndCommittedRowsSurviveSigkillOfEveryServerProcess() throws Exception {
        int port = FreePorts.next();
        // A quote and non-ASCII text: the password travels through SQL and SCRAM unharmed.
        String password = "it's-密码-" + UUID.randomUUID();
        long starting = System.nanoTime();
        RunningServer first = servers("logs-1").startPostgres(data.resolve("postgres"), port, password);
        long startMillis = (System.nanoTime() - starting) / 1_000_000;
        List<ProcessHandle> postgres;
        try {
            assertEquals("jdbc:postgresql://127.0.0.1:" + port + "/wenku", first.address());
            try (Connection connection = DriverManager.getConnection(first.address(), "postgres", password);
                 Statement statement = connection.createStatement()) {
                assertEquals(ServerVersions.current().postgresImageTag(), query(statement, "SHOW server_version"));
                assertEquals("UTF8", query(statement, "SHOW server_encoding"));
                statement.execute("CREATE TABLE documents (id text PRIMARY KEY, title text NOT NULL)");
                statement.execute("INSERT INTO documents VALUES ('d-1', '新质生产力')");
            }
            SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(first.address(), "postgres", "wrong-" + password).close());
            assertEquals("28P01", refused.getSQLState(), refused.getMessage());

            postgres = postgresProcesses(first.process());
            assertFalse(postgres.isEmpty(), "no postgres process below " + first.process().pid());
            if (runningAsRoot()) {
                postgres.forEach(process -> assertEquals("nobody", process.info().user().orElse("?"),
                    "PostgreSQL refuses root; it must run as nobody: " + process.info()));
            }
            long watcherKib = kib(first.process().handle(), "VmRSS:", "status");
            long postgresRssKib = postgres.stream().mapToLong(p -> kib(p, "Rss:", "smaps_rollup")).sum();
            long postgresPssKib = postgres.stream().mapToLong(p -> kib(p, "Pss:", "smaps_rollup")).sum();
            System.out.printf("PostgreSQL started in %d ms; resident: watcher JVM %d MiB, %d postgres processes %d MiB"
                + " (RSS; their proportional share %d MiB)%n", startMillis, watcherKib / 1024, postgres.size(),
                postgresRssKib / 1024, postgresPssKib / 1024);

            // A crash: every postgres process first (were its JVM killed first, PostgreSQL would get its parent-death
            // signal and shut down cleanly), then the JVM.
            postgres.forEach(ProcessHandle::destroyForcibly);
            first.process().kill();
            await().atMost(GONE).until(() -> postgres.stream().noneMatch(ProcessHandle::isAlive));
            assertEquals(IN_PRODUCTION, clusterState(), "the cluster should have been left running, not shut down");
        } finally {
            first.close();
        }

        try (RunningServer second = servers("logs-2").startPostgres(data.resolve("postgres"), port, password);
             Connection connection = DriverManager.getConnection(second.address(), "postgres", password);
             Statement statement = connection.createStatement()) {
            assertEquals("新质生产力", query(statement, "SELECT title FROM documents WHERE id = 'd-1'"));
            String log = Files.readString(data.resolve("logs-2/postgres.log"));
            assertTrue(log.contains("automatic recovery in progress"), "the restart should replay the WAL:\n" + log);
        }
    }

    @Test
    void killingTheLauncherLeavesNoPostgresProcessBehind() throws Exception {
        Process launcher = new ProcessBuilder(new JavaCommand()
                .classpath(System.getProperty("java.class.path"))
                .main(PostgresOrphanCheckParent.class.getName(), List.of(data.toString()))
                .build())
            .redirectErrorStream(true).start();
        List<ProcessHandle> started;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream()))) {
            String pids = out.readLine();
            assertTrue(pids != null && pids.startsWith("pids "), "the launcher should print its servers' pids: " + pids);
            started = Arrays.stream(pids.substring("pids ".length()).split(" ")).map(Long::parseLong)
                .map(pid -> ProcessHandle.of(pid).orElseThrow()).toList();
            assertTrue(started.size() > 1, "the watcher JVM and postgres processes: " + pids);
            launcher.destroyForcibly().waitFor();
        }
        await().atMost(GONE).until(() -> started.stream().noneMatch(ProcessHandle::isAlive));
        assertEquals(SHUT_DOWN, clusterState(), "PostgreSQL should have shut down cleanly (fast shutdown)");
    }

    @Test
    void postgresShutsDownCleanlyWhenItsWatcherJvmIsKilled() throws Exception {
        RunningServer server = servers("logs").startPostgres(data.resolve("postgres"), FreePorts.next(), "watcher-check");
        List<ProcessHandle> postgres = postgresProcesses(server.process());
        server.process().kill();
        await().atMost(GONE).until(() -> postgres.stream().noneMatch(ProcessHandle::isAlive));
        // Its output after the JVM's death is lost (the JDK closes a dead child's pipe), so the cluster itself says.
        assertEquals(SHUT_DOWN, clusterState(), "PostgreSQL should have shut down cleanly on its parent-death signal");
    }

    /**
     * The state the cluster's control file records ({@code DBState}, after the system identifier and two version
     * numbers): {@value #SHUT_DOWN} after a clean shutdown, {@value #IN_PRODUCTION} while running or after a crash.
     */
    private int clusterState() throws IOException {
        byte[] control = Files.readAllBytes(data.resolve("postgres/pgdata/global/pg_control"));
        return ByteBuffer.wrap(control, 16, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private LocalServers servers(String logs) {
        return new LocalServers(ProjectLayout.locate(), data.resolve(logs), null);
    }

    /** The postgres processes below a server's JVM, found through /proc. */
    static List<ProcessHandle> postgresProcesses(ChildProcess server) {
        return server.handle().descendants().filter(PostgresServerIT::isPostgres).toList();
    }

    private static boolean isPostgres(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline")).contains("postgres");
        } catch (IOException gone) {
            return false;
        }
    }

    private static boolean runningAsRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    private static String query(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            assertTrue(result.next(), "no row for " + sql);
            return result.getString(1);
        }
    }

    /** A figure in kB of {@code /proc/<pid>/<file>}, 0 once the process has gone. */
    private static long kib(ProcessHandle process, String field, String file) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(process.pid()), file))) {
            return lines.filter(line -> line.startsWith(field)).findFirst()
                .map(line -> Long.parseLong(line.replaceAll("\\D", ""))).orElse(0L);
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }
}
