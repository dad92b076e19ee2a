package dev.wenku.infrastructure.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Kafka and Elasticsearch as clusters of {@value #NODES} real nodes each, and one PostgreSQL, all on this machine
 * ({@code ./wenku run --cluster}): Kafka's nodes are brokers and KRaft controllers of one quorum, every topic with
 * three replicas of which two must have a record before it is acknowledged; Elasticsearch's nodes elect a master among
 * themselves. Kafka lets in only {@link KafkaAccounts}, as one broker does. Data lives in {@code kafka/node-n},
 * {@code elasticsearch/node-n} and {@code postgres/}. A node can be killed and started again as itself (fault tests).
 */
public final class ClusterInfrastructure implements LocalInfrastructure {

    /** Nodes of each cluster: the fewest that keep a majority, and every write, with one node down. */
    public static final int NODES = 3;

    private final LocalServers servers;
    private final KafkaClusterLayout kafkaLayout;
    private final ElasticsearchClusterLayout elasticsearchLayout;
    private final List<RunningServer> kafka;
    private final List<RunningServer> elasticsearch;
    private final RunningServer postgres;
    private final String postgresPassword;
    private final Path postgresPasswordFile;
    private final KafkaAccounts kafkaAccounts;
    private final Path acls;

    private ClusterInfrastructure(LocalServers servers, KafkaClusterLayout kafkaLayout,
                                  ElasticsearchClusterLayout elasticsearchLayout, List<RunningServer> kafka,
                                  List<RunningServer> elasticsearch, RunningServer postgres, String postgresPassword,
                                  Path postgresPasswordFile, KafkaAccounts kafkaAccounts, Path acls) {
        this.servers = servers;
        this.kafkaLayout = kafkaLayout;
        this.elasticsearchLayout = elasticsearchLayout;
        this.kafka = new ArrayList<>(kafka);
        this.elasticsearch = new ArrayList<>(elasticsearch);
        this.postgres = postgres;
        this.postgresPassword = postgresPassword;
        this.postgresPasswordFile = postgresPasswordFile;
        this.kafkaAccounts = kafkaAccounts;
        this.acls = acls;
    }

    /**
     * Starts {@value #NODES} nodes of Kafka and of Elasticsearch, and PostgreSQL, every process at once (every node of
     * a quorum is started before any is waited for).
     *
     * @param postgresPort preferred PostgreSQL port (0 = any free port); the other servers take free ports
     */
    public static ClusterInfrastructure start(ProjectLayout layout, Path data, int postgresPort, PrintStream echo,
                                              KafkaAccounts kafkaAccounts) {
        return start(layout, data, postgresPort, echo, kafkaAccounts, NODES, NODES);
    }

    /**
     * As {@link #start(ProjectLayout, Path, int, PrintStream, KafkaAccounts)} with other node counts (the scale-out
     * benchmark compares one Kafka node with three, everything else equal).
     */
    public static ClusterInfrastructure start(ProjectLayout layout, Path data, int postgresPort, PrintStream echo,
                                              KafkaAccounts kafkaAccounts, int kafkaNodes, int elasticsearchNodes) {
        PrivateDirectories.create(data);
        for (String own : List.of("logs", "postgres", "kafka", "elasticsearch")) {
            PrivateDirectories.create(data.resolve(own));
        }
        LocalServers servers = new LocalServers(layout, data.resolve("logs"), echo);
        KafkaClusterLayout kafkaLayout = KafkaClusterLayout.of(data.resolve("kafka"), kafkaNodes);
        ElasticsearchClusterLayout elasticsearchLayout = ElasticsearchClusterLayout.of(data.resolve("elasticsearch"),
            elasticsearchNodes);
        Path acls = layout.root().resolve(KafkaAccounts.ACL_FILE);
        Path passwordFile = data.resolve("postgres").resolve(PostgresPassword.FILE_NAME);
        String password = PostgresPassword.loadOrCreate(passwordFile);
        CompletableFuture<List<RunningServer>> kafka = CompletableFuture.supplyAsync(
            () -> servers.startKafkaCluster(kafkaLayout, kafkaAccounts.passwords(), acls));
        CompletableFuture<List<RunningServer>> elasticsearch = CompletableFuture.supplyAsync(
            () -> servers.startElasticsearchCluster(elasticsearchLayout));
        CompletableFuture<RunningServer> postgres = CompletableFuture.supplyAsync(
            () -> servers.startPostgres(data.resolve("postgres"), FreePorts.preferring(postgresPort), password));
        try {
            return new ClusterInfrastructure(servers, kafkaLayout, elasticsearchLayout, kafka.join(),
                elasticsearch.join(), postgres.join(), password, passwordFile, kafkaAccounts, acls);
        } catch (RuntimeException e) {
            kafka.thenAccept(nodes -> nodes.forEach(RunningServer::close));
            elasticsearch.thenAccept(nodes -> nodes.forEach(RunningServer::close));
            postgres.thenAccept(RunningServer::close);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Kills Kafka node {@code index} (counting from 0) with SIGKILL, as a crash would. */
    public synchronized void killKafkaNode(int index) {
        kafka.get(index).process().kill();
    }

    /** Starts Kafka node {@code index} again as itself; returns once it is ready. */
    public synchronized void restartKafkaNode(int index) {
        kafka.set(index, servers.startKafkaNode(kafkaLayout, index, kafkaAccounts.passwords(), acls));
    }

    /** Kills Elasticsearch node {@code index} (counting from 0) with SIGKILL, as a crash would. */
    public synchronized void killElasticsearchNode(int index) {
        elasticsearch.get(index).process().kill();
    }

    /** Starts Elasticsearch node {@code index} again as itself; returns once it is ready. */
    public synchronized void restartElasticsearchNode(int index) {
        elasticsearch.set(index, servers.startElasticsearchNode(elasticsearchLayout, index));
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafkaLayout.bootstrapServers();
    }

    @Override
    public Map<String, Object> kafkaClientSettings() {
        return kafkaAccounts.superUserSettings(kafkaBootstrapServers());
    }

    @Override
    public Optional<KafkaAccounts> kafkaAccounts() {
        return Optional.of(kafkaAccounts);
    }

    /** The first node's; {@link #elasticsearchUrls()} has them all. */
    @Override
    public String elasticsearchUrl() {
        return elasticsearchLayout.urls().getFirst();
    }

    @Override
    public List<String> elasticsearchUrls() {
        return elasticsearchLayout.urls();
    }

    @Override
    public String postgresJdbcUrl() {
        return postgres.address();
    }

    @Override
    public String postgresUsername() {
        return EmbeddedInfrastructure.POSTGRES_USER;
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
    public synchronized Map<String, ChildProcess> processes() {
        Map<String, ChildProcess> processes = new LinkedHashMap<>();
        kafka.forEach(node -> processes.put(node.process().name(), node.process()));
        elasticsearch.forEach(node -> processes.put(node.process().name(), node.process()));
        processes.put("postgres", postgres.process());
        return processes;
    }

    @Override
    public synchronized void close() {
        List<RunningServer> all = new ArrayList<>(elasticsearch);
        all.addAll(kafka);
        all.add(postgres);
        CompletableFuture.allOf(all.stream().map(server -> CompletableFuture.runAsync(server::close))
            .toArray(CompletableFuture[]::new)).join();
    }

    @Override
    public String toString() {
        return "ClusterInfrastructure[kafka=" + kafkaBootstrapServers() + ", elasticsearch=" + elasticsearchUrls()
            + ", postgres=" + postgresJdbcUrl() + " (password hidden)]";
    }
}
