package dev.wenku.infrastructure.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresCommandsTest {

    private final PostgresBinaries binaries = new PostgresBinaries(Path.of("/cache/postgresql-17.6.0"));

    @Test
    void theServerListensOnLoopbackOnlyWithSmallDurableSettings() {
        List<String> command = PostgresCommands.server(binaries, Path.of("/data/pgdata"), 5432, "/data/run");
        assertEquals(List.of("/cache/postgresql-17.6.0/bin/postgres", "-D", "/data/pgdata", "-p", "5432", "-k", "/data/run"),
            command.subList(0, 7));
        String settings = String.join(" ", command.subList(7, command.size()));
        for (String expected : List.of("listen_addresses=127.0.0.1", "shared_buffers=64MB", "max_connections=200",
                "fsync=on", "password_encryption=scram-sha-256")) {
            assertTrue(settings.contains("-c " + expected), settings);
        }
    }

    @Test
    void initdbAsksForPasswordsOverTcpAndTrustsOnlyTheUnixSocket() {
        List<String> command = PostgresCommands.initdb(binaries, Path.of("/data/pgdata"), Path.of("/data/run/pw"));
        assertTrue(command.containsAll(List.of("-U", "postgres", "-E", "UTF8", "--locale=C", "--auth-local=trust",
            "--auth-host=scram-sha-256", "--pwfile=/data/run/pw")), command.toString());
    }

    @Test
    void thePasswordIsAQuotedLiteralAndLineBreaksAreRefused() {
        assertEquals("ALTER ROLE postgres PASSWORD 'it''s \\ secret';\n", PostgresCommands.setPassword("it's \\ secret"));
        assertThrows(IllegalArgumentException.class, () -> PostgresCommands.setPassword("two\nlines"));
        assertThrows(IllegalArgumentException.class, () -> PostgresCommands.checkedPassword(" "));
        assertThrows(IllegalArgumentException.class, () -> PostgresCommands.checkedPassword(null));
    }

    @Test
    void aSocketPathTooLongForTheOperatingSystemMeansNoUnixSocket() {
        assertEquals("/tmp/data/run", PostgresCommands.socketDirectory(Path.of("/tmp/data/run"), 5432));
        Path deep = Path.of("/tmp", "d".repeat(100), "run");
        assertEquals("", PostgresCommands.socketDirectory(deep, 5432));
    }
}
