package dev.wenku.infrastructure.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A launcher for {@link PostgresServerIT}: starts PostgreSQL, prints {@code pids <watcher JVM> <postgres...>}, then
 * waits to be killed.
 */
public final class PostgresOrphanCheckParent {

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        RunningServer postgres = new LocalServers(ProjectLayout.locate(), data.resolve("logs"), null)
            .startPostgres(data.resolve("postgres"), FreePorts.next(), "orphan-check");
        System.out.println("pids " + Stream.concat(Stream.of(postgres.process().handle()),
                PostgresServerIT.postgresProcesses(postgres.process()).stream())
            .map(process -> String.valueOf(process.pid())).collect(Collectors.joining(" ")));
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5));
    }
}
