package dev.wenku.infrastructure.launcher;

import dev.wenku.infrastructure.process.ReadyLine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/** Starts the real Kafka broker, Elasticsearch node and PostgreSQL server from the server modules' build output. */
public final class LocalServers {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /**
     * A node started again while the rest of a cluster works on: on two cores under a bulk import, a Kafka node took
     * 130 s to be ready (it recovers its logs and catches up) and an Elasticsearch node more than 120 s.
     */
    private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(5);

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
        return startKafka(dataDirectory, port, new LinkedHashMap<>(), null);
    }

    /**
     * A Kafka broker that, when {@code users} (name → password, the super user first) is not empty, lets in only
     * clients that authenticate as one of them with SASL/SCRAM-SHA-256 and allows each only what an ACL grants; the
     * users reach the broker's JVM in its environment.
     *
     * @param acls a file of grants the broker makes as the super user when it starts (the format of
     *             {@code config/kafka-acls.txt}), or {@code null}
     */
    public RunningServer startKafka(Path dataDirectory, int port, SequencedMap<String, String> users, Path acls) {
        List<String> arguments = new ArrayList<>(List.of(
            "port=" + port,
            "controller-port=" + FreePorts.next(),
            "data=" + dataDirectory));
        if (acls != null) {
            arguments.add("acls=" + acls);
        }
        List<String> command = new JavaCommand()
            .option("-Xms256m").option("-Xmx512m")
            .classpath(layout.serverClasspath("kafka-server"))
            .main("dev.wenku.infrastructure.kafka.KafkaServerMain", arguments)
            .build();
        return started(ChildProcess.start("kafka", command,
            users.isEmpty() ? Map.of() : Map.of("WENKU_KAFKA_USERS", userLines(users)), logDirectory.resolve("kafka.log"),
            echo));
    }

    /**
     * Every node of a Kafka cluster without users (each node a broker and a controller): all are started before any
     * is waited for, since none is ready before a majority of the controllers runs.
     */
    public List<RunningServer> startKafkaCluster(KafkaClusterLayout cluster) {
        return startKafkaCluster(cluster, new LinkedHashMap<>(), null);
    }

    /**
     * As {@link #startKafkaCluster(KafkaClusterLayout)}, letting in only {@code users} (as
     * {@link #startKafka(Path, int, SequencedMap, Path)}): every node sets their credentials and the grants of
     * {@code acls} when it starts, which changes nothing where another node already did.
     */
    public List<RunningServer> startKafkaCluster(KafkaClusterLayout cluster, SequencedMap<String, String> users,
                                                 Path acls) {
        return startAll(IntStream.range(0, cluster.nodes()).mapToObj(i -> (Supplier<ChildProcess>)
            () -> kafkaNode(cluster, i, users, acls)).toList());
    }

    /** Node {@code index} of the cluster (counting from 0), started again as itself, e.g. after it was killed. */
    public RunningServer startKafkaNode(KafkaClusterLayout cluster, int index) {
        return startKafkaNode(cluster, index, new LinkedHashMap<>(), null);
    }

    /** As {@link #startKafkaNode(KafkaClusterLayout, int)}, for a cluster started with users. */
    public RunningServer startKafkaNode(KafkaClusterLayout cluster, int index, SequencedMap<String, String> users,
                                        Path acls) {
        return started(kafkaNode(cluster, index, users, acls), RESTART_TIMEOUT);
    }

    private ChildProcess kafkaNode(KafkaClusterLayout cluster, int index, SequencedMap<String, String> users,
                                   Path acls) {
        List<String> arguments = new ArrayList<>(List.of(
            "port=" + cluster.ports().get(index),
            "controller-port=" + cluster.controllerPorts().get(index),
            "data=" + cluster.data(index),
            "node-id=" + (index + 1),
            "voters=" + cluster.voters(),
            "cluster-id=" + cluster.clusterId()));
        if (acls != null) {
            arguments.add("acls=" + acls);
        }
        List<String> command = new JavaCommand()
            .option("-Xms128m").option("-Xmx256m")
            .classpath(layout.serverClasspath("kafka-server"))
            .main("dev.wenku.infrastructure.kafka.KafkaServerMain", arguments)
            .build();
        String name = "kafka-" + (index + 1);
        return ChildProcess.start(name, command,
            users.isEmpty() ? Map.of() : Map.of("WENKU_KAFKA_USERS", userLines(users)), logDirectory.resolve(name + ".log"),
            echo);
    }

    private static String userLines(SequencedMap<String, String> users) {
        StringBuilder lines = new StringBuilder();
        users.forEach((name, password) -> lines.append(name).append(':').append(password).append('\n'));
        return lines.toString();
    }

    public RunningServer startElasticsearch(Path homeDirectory, int httpPort) {
        List<String> command = elasticsearchCommand("512m", List.of("http-port=" + httpPort, "home=" + homeDirectory));
        return started(ChildProcess.start("elasticsearch", command, logDirectory.resolve("elasticsearch.log"), echo));
    }

    /**
     * Every node of an Elasticsearch cluster, all started before any is waited for (the first master is elected
     * among them).
     */
    public List<RunningServer> startElasticsearchCluster(ElasticsearchClusterLayout cluster) {
        return startAll(IntStream.range(0, cluster.nodes()).mapToObj(i -> (Supplier<ChildProcess>)
            () -> elasticsearchNode(cluster, i)).toList());
    }

    /** Node {@code index} of the cluster (counting from 0), started again as itself, e.g. after it was killed. */
    public RunningServer startElasticsearchNode(ElasticsearchClusterLayout cluster, int index) {
        return started(elasticsearchNode(cluster, index), RESTART_TIMEOUT);
    }

    private ChildProcess elasticsearchNode(ElasticsearchClusterLayout cluster, int index) {
        List<String> command = elasticsearchCommand("384m", List.of(
            "http-port=" + cluster.httpPorts().get(index),
            "home=" + cluster.home(index),
            "node-name=" + cluster.nodeName(index),
            "transport-port=" + cluster.transportPorts().get(index),
            "seed-hosts=" + cluster.seedHosts(),
            "initial-masters=" + cluster.nodeNames()));
        String name = "elasticsearch-" + (index + 1);
        return ChildProcess.start(name, command, logDirectory.resolve(name + ".log"), echo);
    }

    /**
     * The JVM of an Elasticsearch node. Like the official distribution's launcher, it reads the JDK's vector module:
     * without it Lucene and Elasticsearch compare vectors one number at a time (a warning in the node's log), which made
     * every kNN search and every graph the embedding stage builds several times slower than on the official image.
     */
    private List<String> elasticsearchCommand(String heap, List<String> arguments) {
        return new JavaCommand()
            .option("-Xms" + heap).option("-Xmx" + heap)
            .option("-XX:+UseSerialGC")
            .option("--enable-native-access=ALL-UNNAMED")
            .option("--add-modules=jdk.incubator.vector")
            .option("-Dlog4j2.disable.jmx=true")
            .classpath(layout.serverClasspath("elasticsearch-server"))
            .main("dev.wenku.infrastructure.elasticsearch.ElasticsearchServerMain", arguments)
            .build();
    }

    /** Starts every process, then waits for each one's ready line; stops them all if one fails. */
    private static List<RunningServer> startAll(List<Supplier<ChildProcess>> starts) {
        List<ChildProcess> processes = new ArrayList<>();
        try {
            starts.forEach(start -> processes.add(start.get()));
            List<RunningServer> servers = new ArrayList<>();
            for (ChildProcess process : processes) {
                servers.add(started(process));
            }
            return servers;
        } catch (RuntimeException e) {
            processes.forEach(ChildProcess::close);
            throw e;
        }
    }

    /**
     * A PostgreSQL server on 127.0.0.1:{@code port} whose data lives below {@code dataDirectory} (created on first
     * start, reused afterwards); its superuser {@code postgres} has {@code password}, which reaches the server's JVM
     * in its environment. The address is the JDBC URL of the database {@code wenku}.
     */
    public RunningServer startPostgres(Path dataDirectory, int port, String password) {
        List<String> command = new JavaCommand()
            // A small watcher JVM: the server itself is PostgreSQL's own processes.
            .option("-Xms16m").option("-Xmx64m")
            .option("-XX:+UseSerialGC").option("-XX:TieredStopAtLevel=1").option("-XX:ReservedCodeCacheSize=16m")
            .classpath(layout.serverClasspath("postgres-server"))
            .main("dev.wenku.infrastructure.postgres.PostgresServerMain", List.of(
                "port=" + port,
                "data=" + dataDirectory))
            .build();
        return started(ChildProcess.start("postgres", command, Map.of("WENKU_POSTGRES_PASSWORD", password),
            logDirectory.resolve("postgres.log"), echo));
    }

    private static RunningServer started(ChildProcess process) {
        return started(process, START_TIMEOUT);
    }

    private static RunningServer started(ChildProcess process, Duration timeout) {
        try {
            ReadyLine ready = process.awaitReadyLine(timeout);
            return new RunningServer(ready.address(), process);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }
}
