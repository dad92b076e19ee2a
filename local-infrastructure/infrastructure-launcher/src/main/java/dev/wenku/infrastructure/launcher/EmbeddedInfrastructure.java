package dev.wenku.infrastructure.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real Kafka, Elasticsearch and PostgreSQL in child processes, started in parallel, data in a directory of their
 * own ({@code kafka/}, {@code elasticsearch/}, {@code postgres/}; PostgreSQL's password in
 * {@code postgres/password}, readable by its owner only). Started with {@link KafkaAccounts}, Kafka lets in only those
 * users, each with the ACLs of {@value KafkaAccounts#ACL_FILE}.
 */
public final class EmbeddedInfrastructure implements LocalInfrastructure {

    static final String POSTGRES_USER = "postgres";
    private static final Pattern PORT = Pattern.compile(":(\\d+)/");
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(60);

    private final RunningServer kafka;
    private final RunningServer elasticsearch;
    private RunningServer postgres;
    private final LocalServers servers;
    private final Path postgresData;
    private final String postgresPassword;
    private final Path postgresPasswordFile;
    private final Path temporaryData;
    private final KafkaAccounts kafkaAccounts;

    private EmbeddedInfrastructure(RunningServer kafka, RunningServer elasticsearch, RunningServer postgres,
                                   String postgresPassword, Path postgresPasswordFile, Path temporaryData,
                                   LocalServers servers, Path postgresData, KafkaAccounts kafkaAccounts) {
        this.servers = servers;
        this.kafkaAccounts = kafkaAccounts;
        this.postgresData = postgresData;
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
        this.postgres = postgres;
        this.postgresPassword = postgresPassword;
        this.postgresPasswordFile = postgresPasswordFile;
        this.temporaryData = temporaryData;
    }

    /** Servers whose data lives in a temporary directory removed by {@link #close()}; free ports. */
    public static EmbeddedInfrastructure startTemporary(ProjectLayout layout) {
        try {
            Path data = Files.createTempDirectory("wenku-infrastructure-");
            return start(layout, data, 0, 0, 0, null, data, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param kafkaPort preferred Kafka port (0 = any free port)
     * @param elasticsearchPort preferred Elasticsearch HTTP port (0 = any free port)
     * @param postgresPort preferred PostgreSQL port (0 = any free port)
     */
    public static EmbeddedInfrastructure start(ProjectLayout layout, Path data, int kafkaPort, int elasticsearchPort,
                                               int postgresPort, PrintStream echo) {
        return start(layout, data, kafkaPort, elasticsearchPort, postgresPort, echo, null, null);
    }

    /**
     * As {@link #start(ProjectLayout, Path, int, int, int, PrintStream)}, with a Kafka that lets in only
     * {@code kafkaAccounts}, each allowed what {@value KafkaAccounts#ACL_FILE} grants it.
     */
    public static EmbeddedInfrastructure start(ProjectLayout layout, Path data, int kafkaPort, int elasticsearchPort,
                                               int postgresPort, PrintStream echo, KafkaAccounts kafkaAccounts) {
        return start(layout, data, kafkaPort, elasticsearchPort, postgresPort, echo, null, kafkaAccounts);
    }

    private static EmbeddedInfrastructure start(ProjectLayout layout, Path data, int kafkaPort, int elasticsearchPort,
                                                int postgresPort, PrintStream echo, Path temporaryData,
                                                KafkaAccounts kafkaAccounts) {
        PrivateDirectories.create(data);
        for (String own : List.of("logs", "postgres", "kafka", "elasticsearch")) {
            PrivateDirectories.create(data.resolve(own));
        }
        LocalServers servers = new LocalServers(layout, data.resolve("logs"), echo);
        Path postgresData = data.resolve("postgres");
        Path passwordFile = postgresData.resolve(PostgresPassword.FILE_NAME);
        String password = PostgresPassword.loadOrCreate(passwordFile);
        CompletableFuture<RunningServer> kafka = CompletableFuture.supplyAsync(
            () -> startKafka(layout, servers, data.resolve("kafka"), FreePorts.preferring(kafkaPort), kafkaAccounts));
        CompletableFuture<RunningServer> elasticsearch = CompletableFuture.supplyAsync(
            () -> servers.startElasticsearch(data.resolve("elasticsearch"), FreePorts.preferring(elasticsearchPort)));
        CompletableFuture<RunningServer> postgres = CompletableFuture.supplyAsync(
            () -> servers.startPostgres(postgresData, FreePorts.preferring(postgresPort), password));
        try {
            return new EmbeddedInfrastructure(kafka.join(), elasticsearch.join(), postgres.join(), password,
                passwordFile, temporaryData, servers, postgresData, kafkaAccounts);
        } catch (RuntimeException e) {
            for (CompletableFuture<RunningServer> server : List.of(kafka, elasticsearch, postgres)) {
                server.thenAccept(RunningServer::close);
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static RunningServer startKafka(ProjectLayout layout, LocalServers servers, Path data, int port,
                                            KafkaAccounts accounts) {
        return accounts == null ? servers.startKafka(data, port)
            : servers.startKafka(data, port, accounts.passwords(), layout.root().resolve(KafkaAccounts.ACL_FILE));
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.address();
    }

    @Override
    public Map<String, Object> kafkaClientSettings() {
        return kafkaAccounts == null ? LocalInfrastructure.super.kafkaClientSettings()
            : kafkaAccounts.superUserSettings(kafka.address());
    }

    @Override
    public Optional<KafkaAccounts> kafkaAccounts() {
        return Optional.ofNullable(kafkaAccounts);
    }

    @Override
    public String elasticsearchUrl() {
        return elasticsearch.address();
    }

    @Override
    public synchronized String postgresJdbcUrl() {
        return postgres.address();
    }

    /**
     * Kills every PostgreSQL process (the postmaster and its backends) with SIGKILL, as a crash of the server would,
     * and returns once its watcher JVM has exited and the port is free; what was committed survives (fsync is on) and
     * {@link #restartPostgres()} recovers the rest from the write-ahead log. The watcher JVM is left to notice and exit
     * by itself, so it reaps the postmaster (for fault tests).
     */
    public synchronized void killPostgres() {
        ProcessHandle watcher = postgres.process().handle();
        watcher.descendants().forEach(ProcessHandle::destroyForcibly);
        int port = port(postgres.address());
        long deadline = System.nanoTime() + KILL_TIMEOUT.toNanos();
        while (watcher.isAlive() || FreePorts.isTaken(port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL still runs or holds port " + port + " " + KILL_TIMEOUT
                    + " after it was killed");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Starts PostgreSQL again on its data and port after {@link #killPostgres()}. */
    public synchronized void restartPostgres() {
        postgres = servers.startPostgres(postgresData, port(postgres.address()), postgresPassword);
    }

    private static int port(String jdbcUrl) {
        Matcher port = PORT.matcher(jdbcUrl);
        if (!port.find()) {
            throw new IllegalStateException("No port in " + jdbcUrl);
        }
        return Integer.parseInt(port.group(1));
    }

    @Override
    public String postgresUsername() {
        return POSTGRES_USER;
    }

    @Override
    public String postgresPassword() {
        return postgresPassword;
    }

    @Override
    public Path postgresPasswordFile() {
        return postgresPasswordFile;
    }

    @Override
    public Map<String, ChildProcess> processes() {
        return Map.of("kafka", kafka.process(), "elasticsearch", elasticsearch.process(), "postgres", postgres.process());
    }

    @Override
    public void close() {
        CompletableFuture.allOf(
            CompletableFuture.runAsync(elasticsearch::close),
            CompletableFuture.runAsync(kafka::close),
            CompletableFuture.runAsync(postgres::close)).join();
        if (temporaryData != null) {
            Directories.deleteRecursively(temporaryData);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedInfrastructure[kafka=" + kafkaBootstrapServers() + ", elasticsearch=" + elasticsearchUrl()
            + ", postgres=" + postgresJdbcUrl() + " (password hidden)]";
    }
}
