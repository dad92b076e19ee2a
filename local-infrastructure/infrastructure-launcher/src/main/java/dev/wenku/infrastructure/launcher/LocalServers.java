package dev.wenku.infrastructure.launcher;

import dev.wenku.infrastructure.process.ReadyLine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Starts the real Kafka broker and Elasticsearch node from the server modules' build output. */
public final class LocalServers {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final ProjectLayout layout;
    private final Path logDirectory;
    private final PrintStream echo;

    /**
     * @param echo where to copy the servers' output with a name prefix, or {@code null} for the log files only
     */
    public LocalServers(ProjectLayout layout, Path logDirectory, PrintStream echo) {
        this.layout = layout;
        this.logDirectory = logDirectory;
        this.echo = echo;
    }

    public RunningServer startKafka(Path dataDirectory, int port) {
        List<String> command = new JavaCommand()
            .option("-Xms256m").option("-Xmx512m")
            .classpath(layout.serverClasspath("kafka-server"))
            .main("dev.wenku.infrastructure.kafka.KafkaServerMain", List.of(
                "port=" + port,
                "controller-port=" + FreePorts.next(),
                "data=" + dataDirectory))
            .build();
        return started(ChildProcess.start("kafka", command, logDirectory.resolve("kafka.log"), echo));
    }

    public RunningServer startElasticsearch(Path homeDirectory, int httpPort) {
        List<String> command = new JavaCommand()
            .option("-Xms512m").option("-Xmx512m")
            .option("-XX:+UseSerialGC")
            .option("--enable-native-access=ALL-UNNAMED")
            .option("-Dlog4j2.disable.jmx=true")
            .classpath(layout.serverClasspath("elasticsearch-server"))
            .main("dev.wenku.infrastructure.elasticsearch.ElasticsearchServerMain", List.of(
                "http-port=" + httpPort,
                "home=" + homeDirectory))
            .build();
        return started(ChildProcess.start("elasticsearch", command, logDirectory.resolve("elasticsearch.log"), echo));
    }

    private static RunningServer started(ChildProcess process) {
        try {
            ReadyLine ready = process.awaitReadyLine(START_TIMEOUT);
            return new RunningServer(ready.address(), process);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }
}
