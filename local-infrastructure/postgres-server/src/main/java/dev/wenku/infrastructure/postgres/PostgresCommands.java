package dev.wenku.infrastructure.postgres;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The command lines of initdb and postgres, and the SQL that sets the password, as this server runs them. */
final class PostgresCommands {

    static final String USER = "postgres";
    static final String DATABASE = "wenku";

    /**
     * Small settings for a development machine and tests: 64 MB of shared buffers, 200 connections (the services'
     * pools and some tools), durable commits (fsync on: a test kills the server with SIGKILL and expects what was
     * committed), at most 256 MB of WAL between checkpoints.
     */
    static final Map<String, String> SETTINGS = Map.of(
        "listen_addresses", "127.0.0.1",
        "shared_buffers", "64MB",
        "max_connections", "200",
        "fsync", "on",
        "synchronous_commit", "on",
        "max_wal_size", "256MB",
        "password_encryption", "scram-sha-256",
        "unix_socket_permissions", "0700");

    /** sun_path of a unix socket address holds 108 bytes with the final NUL. */
    private static final int SOCKET_PATH_LIMIT = 107;

    private PostgresCommands() {
    }

    /**
     * A new cluster: UTF-8, locale C, superuser {@code postgres} with the password in {@code passwordFile};
     * connections over TCP must give it (scram-sha-256), the unix socket (in a directory only the server's user
     * can enter) is trusted.
     */
    static List<String> initdb(PostgresBinaries binaries, Path data, Path passwordFile) {
        return List.of(binaries.program("initdb").toString(), "-D", data.toString(), "-U", USER, "-E", "UTF8",
            "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + passwordFile,
            "--no-instructions");
    }

    /** PostgreSQL's single-user mode on {@code data}, reading SQL from its standard input (no server running). */
    static List<String> singleUser(PostgresBinaries binaries, Path data) {
        return List.of(binaries.program("postgres").toString(), "--single", "-D", data.toString(),
            "-c", "shared_buffers=" + SETTINGS.get("shared_buffers"), "postgres");
    }

    static List<String> server(PostgresBinaries binaries, Path data, int port, String socketDirectory) {
        List<String> command = new ArrayList<>(List.of(binaries.program("postgres").toString(), "-D", data.toString(),
            "-p", String.valueOf(port), "-k", socketDirectory));
        SETTINGS.entrySet().stream().sorted(Map.Entry.comparingByKey())
            .forEach(setting -> command.addAll(List.of("-c", setting.getKey() + "=" + setting.getValue())));
        return command;
    }

    /**
     * The unix socket's directory, or the empty string (no unix socket) when the socket's path would be too long
     * for the operating system: nothing of ours needs the socket, JDBC connects over TCP.
     */
    static String socketDirectory(Path directory, int port) {
        String socket = directory.resolve(".s.PGSQL." + port).toString();
        return socket.getBytes(StandardCharsets.UTF_8).length <= SOCKET_PATH_LIMIT ? directory.toString() : "";
    }

    /** {@code ALTER ROLE postgres PASSWORD '…'}: the launcher's password is the password, whatever was set before. */
    static String setPassword(String password) {
        return "ALTER ROLE " + USER + " PASSWORD " + literal(checkedPassword(password)) + ";\n";
    }

    /**
     * The password, refused when it is missing or holds characters that would break the line-based single-user
     * input or a password file (line breaks, NUL).
     */
    static String checkedPassword(String password) {
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("No password for PostgreSQL: set " + PostgresServerMain.PASSWORD_ENV);
        }
        if (password.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
            throw new IllegalArgumentException("The PostgreSQL password must not contain line breaks or NUL");
        }
        return password;
    }

    /** A standard SQL string literal (quotes doubled; backslashes are plain characters in PostgreSQL's default). */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
