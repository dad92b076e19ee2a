package dev.wenku.infrastructure.postgres;

import dev.wenku.infrastructure.process.ParentWatch;
import dev.wenku.infrastructure.process.ReadyLine;
import dev.wenku.infrastructure.process.ServerArguments;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server for development and tests, watched by this small JVM.
 *
 * <p>Arguments: {@code port=} (the TCP port on 127.0.0.1), {@code data=} (this server's directory: the cluster in
 * {@code pgdata/}, the unix socket in {@code run/}), optionally {@code binaries-cache=} (where the binaries are
 * unpacked; by default {@code /var/cache/wenku} as root, else {@code $XDG_CACHE_HOME/wenku} or
 * {@code ~/.cache/wenku}). The password of the superuser {@code postgres} comes in the environment variable
 * {@value #PASSWORD_ENV}, never on a command line.
 *
 * <p>On the first start the cluster is created (initdb), on later ones the password is set again to the one given
 * (PostgreSQL's single-user mode, before the server starts), so the launcher's password is always the password.
 * The server is ready, and the {@code WENKU-READY postgres jdbc:postgresql://127.0.0.1:<port>/wenku} line printed,
 * once a JDBC connection with the password succeeded and the database {@code wenku} exists. PostgreSQL's own output
 * goes to this JVM's standard output, the launcher's log of this server.
 *
 * <p>When this JVM's standard input closes (the launcher died) or it gets SIGTERM, it stops PostgreSQL with SIGINT
 * (fast shutdown: open sessions are ended, a checkpoint written) and waits for it. A postgres killed with SIGKILL
 * leaves a cluster that the next start recovers from its write-ahead log.
 */
public final class PostgresServerMain {

    static final String PASSWORD_ENV = "WENKU_POSTGRES_PASSWORD";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(110);
    private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(20);
    private static final Duration IMMEDIATE_SHUTDOWN = Duration.ofSeconds(5);

    private static volatile boolean stopping;

    private PostgresServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ParentWatch.exitWhenParentGoesAway();
        long started = System.nanoTime();
        PrintStream log = System.out;
        ServerArguments arguments = new ServerArguments(args);
        int port = arguments.port("port");
        if (port == 0) {
            throw new IllegalArgumentException("port must be a real port number; PostgreSQL cannot pick a free one");
        }
        Path directory = arguments.directory("data");
        String password = PostgresCommands.checkedPassword(System.getenv(PASSWORD_ENV));

        PostgresBinaries binaries = PostgresBinaries.unpackOnce(
            arguments.optional("binaries-cache").map(Path::of).orElseGet(PostgresServerMain::defaultCache),
            version(), log);
        ServerUser user = ServerUser.ofThisProcess();
        Path data = directory.resolve("pgdata");
        Path socket = directory.resolve("run");
        for (Path owned : List.of(data, socket)) {
            Files.createDirectories(owned);
            // initdb and postgres insist on a data directory only its owner can enter.
            Files.setPosixFilePermissions(owned, PosixFilePermissions.fromString("rwx------"));
            user.own(owned);
            user.makeReachable(owned, log);
        }
        user.makeReachable(binaries.program("postgres"), log);
        log.println("PostgreSQL runs as " + user.describe() + "; data: " + data);

        if (Files.exists(data.resolve("PG_VERSION"))) {
            setPassword(binaries, user, data, password);
        } else {
            initdb(binaries, user, data, socket, password);
        }

        String socketDirectory = PostgresCommands.socketDirectory(socket, port);
        if (socketDirectory.isEmpty()) {
            log.println("No unix socket: its path below " + socket + " would be too long; TCP only");
        }
        Process postgres = start(user, PostgresCommands.server(binaries, data, port, socketDirectory), false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(postgres, log), "postgres-shutdown"));
        String url = awaitReady(postgres, port, password);
        log.printf("PostgreSQL ready in %d ms (pid %d)%n", (System.nanoTime() - started) / 1_000_000, postgres.pid());
        new ReadyLine("postgres", url).announce();

        int exit = postgres.waitFor();
        if (!stopping) {
            System.err.println("postgres exited by itself with code " + exit);
            System.exit(exit == 0 ? 1 : exit);
        }
    }

    private static void initdb(PostgresBinaries binaries, ServerUser user, Path data, Path socket, String password)
            throws IOException, InterruptedException {
        // The password reaches initdb in a file only the server's user can read, deleted right after.
        Path passwordFile = socket.resolve("initdb-password");
        Files.deleteIfExists(passwordFile);
        Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordFile, password);
            user.own(passwordFile);
            runToCompletion("initdb", start(user, PostgresCommands.initdb(binaries, data, passwordFile), false), null);
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    private static void setPassword(PostgresBinaries binaries, ServerUser user, Path data, String password)
            throws IOException, InterruptedException {
        runToCompletion("setting the password (single-user mode)",
            start(user, PostgresCommands.singleUser(binaries, data), true), PostgresCommands.setPassword(password));
    }

    /**
     * Starts a PostgreSQL program as the server user from this (the main) thread: its parent-death signal belongs
     * to the thread that started it. Its output goes to this JVM's output; it gets none of this JVM's secrets.
     */
    private static Process start(ServerUser user, List<String> program, boolean withInput) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(user.command(program))
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .redirectInput(withInput ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove(PASSWORD_ENV);
        builder.environment().put("LC_ALL", "C");
        return builder.start();
    }

    private static void runToCompletion(String what, Process process, String input)
            throws IOException, InterruptedException {
        if (input != null) {
            try (OutputStream in = process.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(what + " failed with exit code " + exit + " (its output is above)");
        }
    }

    /**
     * Connects over TCP with the password until PostgreSQL accepts (while it starts or recovers it answers "the
     * database system is starting up"), creates the database {@code wenku} if it is missing and returns its URL.
     */
    private static String awaitReady(Process postgres, int port, String password) throws InterruptedException {
        Properties credentials = new Properties();
        credentials.setProperty("user", PostgresCommands.USER);
        credentials.setProperty("password", password);
        credentials.setProperty("connectTimeout", "5");
        String base = "jdbc:postgresql://127.0.0.1:" + port + "/";
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!postgres.isAlive()) {
                throw new IllegalStateException("postgres exited with code " + postgres.exitValue()
                    + " before it accepted connections (its output is above)");
            }
            try (Connection connection = DriverManager.getConnection(base + "postgres", credentials)) {
                createDatabaseIfMissing(connection);
                try (Connection wenku = DriverManager.getConnection(base + PostgresCommands.DATABASE, credentials)) {
                    if (wenku.isValid(5)) {
                        return base + PostgresCommands.DATABASE;
                    }
                }
            } catch (SQLException e) {
                if ("28P01".equals(e.getSQLState())) {
                    throw new IllegalStateException("PostgreSQL refused the password: " + e.getMessage(), e);
                }
                last = e;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("PostgreSQL did not accept connections within " + START_TIMEOUT.toSeconds()
            + " s" + (last != null ? ": " + last.getMessage() : ""), last);
    }

    private static void createDatabaseIfMissing(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            boolean exists;
            try (var result = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = "
                    + PostgresCommands.literal(PostgresCommands.DATABASE))) {
                exists = result.next();
            }
            if (!exists) {
                statement.execute("CREATE DATABASE " + PostgresCommands.DATABASE);
                System.out.println("Created the database " + PostgresCommands.DATABASE);
            }
        }
    }

    /** SIGINT (fast shutdown), then SIGQUIT (immediate: recovery at the next start), then SIGKILL. */
    private static void stop(Process postgres, PrintStream log) {
        stopping = true;
        try {
            if (!postgres.isAlive()) {
                return;
            }
            signal(postgres, "INT");
            if (postgres.waitFor(FAST_SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            log.println("postgres did not stop within " + FAST_SHUTDOWN.toSeconds() + " s; immediate shutdown");
            signal(postgres, "QUIT");
            if (!postgres.waitFor(IMMEDIATE_SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)) {
                postgres.destroyForcibly().waitFor(IMMEDIATE_SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (IOException e) {
            log.println("Could not signal postgres: " + e);
            postgres.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Java signals a process only with SIGTERM or SIGKILL; the shell's kill sends the others. */
    private static void signal(Process process, String signal) throws IOException, InterruptedException {
        new ProcessBuilder("/bin/sh", "-c", "kill -" + signal + " " + process.pid())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start().waitFor();
    }

    private static Path defaultCache() {
        String home = System.getProperty("user.home");
        try {
            if ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0) {
                // Not below /root: the server's user (nobody) must reach the programs.
                return Path.of("/var/cache/wenku");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".cache")).resolve("wenku");
    }

    private static String version() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = PostgresServerMain.class.getResourceAsStream("postgres-server.properties")) {
            properties.load(in);
        }
        return properties.getProperty("version");
    }
}
