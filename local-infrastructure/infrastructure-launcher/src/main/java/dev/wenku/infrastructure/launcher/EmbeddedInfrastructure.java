package dev.wenku.infrastructure.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Real Kafka and Elasticsearch in child JVMs, started in parallel, data in a directory of their own. */
public final class EmbeddedInfrastructure implements Infrastructure {

    private final RunningServer kafka;
    private final RunningServer elasticsearch;
    private final Path temporaryData;

    private EmbeddedInfrastructure(RunningServer kafka, RunningServer elasticsearch, Path temporaryData) {
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
        this.temporaryData = temporaryData;
    }

    /** Servers whose data lives in a temporary directory removed by {@link #close()}; free ports. */
    public static EmbeddedInfrastructure startTemporary(ProjectLayout layout) {
        try {
            Path data = Files.createTempDirectory("wenku-infrastructure-");
            return start(layout, data, 0, 0, null, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param kafkaPort preferred Kafka port (0 = any free port)
     * @param elasticsearchPort preferred Elasticsearch HTTP port (0 = any free port)
     */
    public static EmbeddedInfrastructure start(ProjectLayout layout, Path data, int kafkaPort, int elasticsearchPort,
                                               PrintStream echo) {
        return start(layout, data, kafkaPort, elasticsearchPort, echo, null);
    }

    private static EmbeddedInfrastructure start(ProjectLayout layout, Path data, int kafkaPort, int elasticsearchPort,
                                                PrintStream echo, Path temporaryData) {
        LocalServers servers = new LocalServers(layout, data.resolve("logs"), echo);
        CompletableFuture<RunningServer> kafka = CompletableFuture.supplyAsync(
            () -> servers.startKafka(data.resolve("kafka"), FreePorts.preferring(kafkaPort)));
        CompletableFuture<RunningServer> elasticsearch = CompletableFuture.supplyAsync(
            () -> servers.startElasticsearch(data.resolve("elasticsearch"), FreePorts.preferring(elasticsearchPort)));
        try {
            return new EmbeddedInfrastructure(kafka.join(), elasticsearch.join(), temporaryData);
        } catch (RuntimeException e) {
            kafka.thenAccept(RunningServer::close);
            elasticsearch.thenAccept(RunningServer::close);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.address();
    }

    @Override
    public String elasticsearchUrl() {
        return elasticsearch.address();
    }

    /** The Kafka and Elasticsearch processes, by name. */
    Map<String, ChildProcess> processes() {
        return Map.of("kafka", kafka.process(), "elasticsearch", elasticsearch.process());
    }


    @Override
    public void close() {
        CompletableFuture.allOf(
            CompletableFuture.runAsync(elasticsearch::close),
            CompletableFuture.runAsync(kafka::close)).join();
        if (temporaryData != null) {
            Directories.deleteRecursively(temporaryData);
        }
    }

}
