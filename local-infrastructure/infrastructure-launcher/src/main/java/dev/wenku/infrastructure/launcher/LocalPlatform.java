package dev.wenku.infrastructure.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The whole platform on this machine: real Kafka, Elasticsearch and PostgreSQL plus the services, each in processes of its
 * own talking over loopback, all stopped by {@link #close()} (or with this process, whatever ends it). In
 * {@link Topology#CLUSTER}, Kafka and Elasticsearch are clusters of three nodes and every service runs twice, the
 * gateways balancing over the instances.
 */
public final class LocalPlatform implements AutoCloseable {

    private static final Duration SERVICE_START_TIMEOUT = Duration.ofSeconds(300);
    /** The heap of each service JVM (MiB): small, so that the whole platform fits one machine. */
    public static final int SERVICE_HEAP_MIB = 384;
    /** {@code wenku.security.caller-token.secret} of the gateway and every service. */
    public static final String CALLER_TOKEN_SECRET = "WENKU_SECURITY_CALLERTOKEN_SECRET";

    private final LocalInfrastructure infrastructure;
    private final Topology topology;
    private final Map<Instance, ChildProcess> services = new ConcurrentHashMap<>();
    private final Map<Instance, Integer> ports = new LinkedHashMap<>();
    private final Path dropFolder;
    private final PlatformAccounts accounts;
    /**
     * The key the gateway signs caller tokens with and the services verify them with: new for every run, held only
     * in memory and in the services' environments, never on disk (a restarted service of this run gets it again).
     */
    private final String callerTokenSecret = RandomSecrets.generate(32);

    private LocalPlatform(LocalInfrastructure infrastructure, Topology topology, Path dropFolder,
                          PlatformAccounts accounts) {
        this.infrastructure = infrastructure;
        this.topology = topology;
        this.dropFolder = dropFolder;
        this.accounts = accounts;
    }

    /**
     * How much of everything runs: Kafka and Elasticsearch nodes and the instances of each service. With several Kafka
     * nodes every topic is replicated to all of them, one fewer in sync for a write (one node may be down); with
     * several Elasticsearch nodes every shard has one replica. {@link #SINGLE} is one of everything; {@link #CLUSTER}
     * three nodes of each and two instances of every service; the scale-out benchmark mixes them.
     *
     * @param instances instances of a service, where not one
     */
    public record Topology(int kafkaNodes, int elasticsearchNodes, Map<ServiceModule, Integer> instances) {

        public static final Topology SINGLE = new Topology(1, 1, Map.of());
        public static final Topology CLUSTER = new Topology(ClusterInfrastructure.NODES, ClusterInfrastructure.NODES,
            Arrays.stream(ServiceModule.values()).collect(Collectors.toMap(service -> service, service -> 2)));

        public Topology {
            if (kafkaNodes < 1 || elasticsearchNodes < 1 || instances.values().stream().anyMatch(n -> n < 1)) {
                throw new IllegalArgumentException("At least one node and one instance of everything: " + instances);
            }
            instances = Map.copyOf(instances);
        }

        /** This topology with {@code count} instances of {@code service}. */
        public Topology with(ServiceModule service, int count) {
            Map<ServiceModule, Integer> changed = new EnumMap<>(ServiceModule.class);
            changed.putAll(instances);
            changed.put(service, count);
            return new Topology(kafkaNodes, elasticsearchNodes, changed);
        }

        /** This topology with {@code nodes} Kafka nodes. */
        public Topology withKafkaNodes(int nodes) {
            return new Topology(nodes, elasticsearchNodes, instances);
        }

        public int instances(ServiceModule service) {
            return instances.getOrDefault(service, 1);
        }

        /** Whether Kafka or Elasticsearch runs as a cluster of several nodes. */
        public boolean clustered() {
            return kafkaNodes > 1 || elasticsearchNodes > 1;
        }

        int mostInstances() {
            return Arrays.stream(ServiceModule.values()).mapToInt(this::instances).max().orElse(1);
        }
    }

    /** One instance of a service: {@code index} counts from 0. */
    public record Instance(ServiceModule service, int index) {

        /** {@code ingest-service}, or {@code ingest-service-2} for the second instance. */
        public String name() {
            return index == 0 ? service.module() : service.module() + "-" + (index + 1);
        }
    }

    /** Preferred ports, each taken when free, otherwise a free one is used; 0 means any free port. */
    public record Ports(int gateway, int kafka, int elasticsearch, int postgres) {

        public static final Ports ANY_FREE = new Ports(0, 0, 0, 0);

        /** PostgreSQL on any free port. */
        public Ports(int gateway, int kafka, int elasticsearch) {
            this(gateway, kafka, elasticsearch, 0);
        }
    }

    /**
     * @param data directory for server data, every process's log ({@code logs/<name>.log}) and the drop folder
     *             ({@code drop/})
     * @param echo where to copy every process's output with a {@code [name]} prefix, or {@code null}
     */
    public static LocalPlatform start(ProjectLayout layout, Path data, Ports ports, PrintStream echo) {
        return start(layout, data, ports, echo, Map.of());
    }

    /**
     * @param gatewaySettings extra settings of the gateway (e.g. {@code wenku.rate-limit.reads-per-second} for a
     *                        load test)
     */
    public static LocalPlatform start(ProjectLayout layout, Path data, Ports ports, PrintStream echo,
                                      Map<String, String> gatewaySettings) {
        return start(layout, data, ports, echo, gatewaySettings, Topology.SINGLE);
    }

    /**
     * @param topology one of everything, or clusters; in a cluster only the gateway's and PostgreSQL's preferred ports
     *                 are used (the first gateway's), every node taking a free port
     */
    public static LocalPlatform start(ProjectLayout layout, Path data, Ports ports, PrintStream echo,
                                      Map<String, String> gatewaySettings, Topology topology) {
        return startWith(layout, data, ports, echo, Map.of(ServiceModule.GATEWAY, gatewaySettings), topology);
    }

    /**
     * @param settings extra settings per service, given to every instance of it (e.g. search-service's
     *                 {@code wenku.search.semantic.enabled} for a benchmark of search by meaning)
     */
    public static LocalPlatform startWith(ProjectLayout layout, Path data, Ports ports, PrintStream echo,
                                          Map<ServiceModule, Map<String, String>> settings, Topology topology) {
        PlatformAccounts accounts = PlatformAccounts.prepare(data);
        KafkaAccounts kafkaAccounts = KafkaAccounts.generate(Arrays.stream(ServiceModule.values())
            .filter(ServiceModule::usesKafka).map(ServiceModule::module).toList());
        LocalInfrastructure infrastructure = topology.clustered()
            ? ClusterInfrastructure.start(layout, data, ports.postgres(), echo, kafkaAccounts, topology.kafkaNodes(),
                topology.elasticsearchNodes())
            : EmbeddedInfrastructure.start(layout, data, ports.kafka(), ports.elasticsearch(), ports.postgres(), echo,
                kafkaAccounts);
        kafkaAccounts.writeClientFiles(data.resolve("kafka"));
        PrivateDirectories.create(data.resolve("drop"));
        PrivateDirectories.create(data.resolve("imports"));
        LocalPlatform platform = new LocalPlatform(infrastructure, topology, data.resolve("drop"), accounts);
        try {
            platform.startServices(layout, data.resolve("logs"), ports.gateway(), settings, echo);
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startServices(ProjectLayout layout, Path logs, int gatewayPort,
                               Map<ServiceModule, Map<String, String>> settings,
                               PrintStream echo) {
        this.launch = new Launch(layout, logs, settings, echo);
        for (ServiceModule service : ServiceModule.values()) {
            for (Instance instance : instances(service)) {
                ports.put(instance, instance.equals(first(ServiceModule.GATEWAY)) ? FreePorts.preferring(gatewayPort)
                    : FreePorts.next());
            }
        }
        // The first instance of every service, then the second of every service: ten JVMs starting at once on two
        // cores starve the Kafka controllers' heartbeats, and the quorum kept electing a new controller meanwhile.
        for (int index = 0; index < topology.mostInstances(); index++) {
            List<CompletableFuture<Void>> started = new ArrayList<>();
            for (Instance instance : ports.keySet()) {
                if (instance.index() == index) {
                    started.add(launch(instance, instance.name() + ".log"));
                }
            }
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
        }
    }

    private record Launch(ProjectLayout layout, Path logs, Map<ServiceModule, Map<String, String>> settings,
                          PrintStream echo) {
    }

    private Launch launch;
    private int restarts;

    /**
     * Whether every service of this build starts from its start-up cache ({@link StartupCache}), as from a build's
     * second run on; a run records what the caches are made of.
     */
    public static boolean startsFromCaches(ProjectLayout layout) throws IOException {
        return StartupCache.ready(layout);
    }

    /**
     * Makes the start-up caches that a closed run has recorded (a start does it too, service by service, before it
     * starts each), so that the next start is one from the caches.
     */
    public static void makeStartupCaches(ProjectLayout layout) throws IOException {
        StartupCache.makeRecorded(layout);
    }

    /** Starts {@code instance}'s JVM; the future completes when its health endpoint answers 200. */
    private CompletableFuture<Void> launch(Instance instance, String logName) {
        ServiceModule service = instance.service();
        ChildProcess process = ServiceProcesses.launch(launch.layout(), service, instance.name(),
            arguments(instance, launch.settings()), environment(service), launch.logs().resolve(logName),
            launch.echo());
        services.put(instance, process);
        return CompletableFuture.runAsync(() -> HttpProbe.awaitResponse(
            url(instance) + "/actuator/health", r -> r.statusCode() == 200, SERVICE_START_TIMEOUT, process));
    }

    /** Every instance of {@code service} this platform runs, the first first. */
    public List<Instance> instances(ServiceModule service) {
        return IntStream.range(0, topology.instances(service)).mapToObj(index -> new Instance(service, index)).toList();
    }

    private static Instance first(ServiceModule service) {
        return new Instance(service, 0);
    }

    /** Kills {@code service}'s (first) JVM with SIGKILL, as a crash would (for fault tests). */
    public void kill(ServiceModule service) {
        kill(first(service));
    }

    /** Kills {@code instance}'s JVM with SIGKILL, as a crash would (for fault tests). */
    public void kill(Instance instance) {
        services.get(instance).kill();
    }

    /**
     * Starts {@code service}'s (first) instance again on its port after {@link #kill}; returns once it is healthy. Its
     * output goes to {@code logs/<module>.<n>.log}.
     */
    public void restart(ServiceModule service) {
        restart(first(service));
    }

    /** As {@link #restart(ServiceModule)}, for any instance ({@code logs/<instance name>.<n>.log}). */
    public void restart(Instance instance) {
        int restart;
        synchronized (this) {
            restart = ++restarts;
        }
        launch(instance, instance.name() + "." + restart + ".log").join();
    }

    /**
     * Kills the embedded PostgreSQL's processes with SIGKILL and returns once its port is free: the document registry
     * is down, as after a crash, while the rest of the platform keeps running (for fault tests).
     */
    public void killPostgres() {
        embedded().killPostgres();
    }

    /** Starts the embedded PostgreSQL again on its data and port after {@link #killPostgres()}. */
    public void restartPostgres() {
        embedded().restartPostgres();
    }

    private EmbeddedInfrastructure embedded() {
        if (infrastructure instanceof EmbeddedInfrastructure embedded) {
            return embedded;
        }
        throw new UnsupportedOperationException("Only the embedded PostgreSQL can be killed and restarted by a test");
    }

    /** The clusters of a {@link Topology#CLUSTER} platform, whose nodes a test can kill and start again. */
    public ClusterInfrastructure cluster() {
        if (infrastructure instanceof ClusterInfrastructure cluster) {
            return cluster;
        }
        throw new UnsupportedOperationException("This platform runs one node of each server, not clusters");
    }

    /** Secrets a service gets in its environment, where {@code ps} does not show them. */
    private Map<String, String> environment(ServiceModule service) {
        Map<String, String> environment = new LinkedHashMap<>(secrets(service));
        environment.put(CALLER_TOKEN_SECRET, callerTokenSecret);
        infrastructure.kafkaAccounts().ifPresent(kafka -> environment.putAll(kafka.environment(service.module())));
        return environment;
    }

    private Map<String, String> secrets(ServiceModule service) {
        return switch (service) {
            case GATEWAY -> {
                Map<String, String> gateway = new LinkedHashMap<>(accounts.gatewayEnvironment());
                if (sharedSessions()) {
                    gateway.put("WENKU_SECURITY_SESSIONSTORE_PASSWORD", infrastructure.postgresPassword());
                }
                yield gateway;
            }
            case INGEST, ANALYSIS -> Map.of("SPRING_DATASOURCE_PASSWORD", infrastructure.postgresPassword());
            default -> Map.of();
        };
    }

    private List<String> arguments(Instance instance, Map<ServiceModule, Map<String, String>> settings) {
        ServiceModule service = instance.service();
        List<String> args = new ArrayList<>(List.of(
            "--server.port=" + ports.get(instance),
            "--server.address=127.0.0.1",
            "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
            "--spring.elasticsearch.uris=" + String.join(",", infrastructure.elasticsearchUrls()),
            "--wenku.ingest.drop-folder.path=" + dropFolder));
        args.addAll(clusterArguments(instance));
        if (service == ServiceModule.INGEST || service == ServiceModule.ANALYSIS) {
            // The registry's and the corpus's database (a schema each); the password is in the environment
            // (SPRING_DATASOURCE_PASSWORD).
            args.add("--spring.datasource.url=" + infrastructure.postgresJdbcUrl());
            args.add("--spring.datasource.username=" + infrastructure.postgresUsername());
        }
        if (service == ServiceModule.INGEST) {
            // Import bodies wait under the data directory, so an import resumes after a restart of the run.
            args.add("--wenku.ingest.imports.spool-folder=" + dropFolder.resolveSibling("imports"));
        }
        if (service == ServiceModule.GATEWAY) {
            if (sharedSessions()) {
                // Sessions in PostgreSQL, so that either gateway knows a session and a log-out ends it on both (the
                // password is in the environment). One gateway keeps them in memory: its editors' sessions then do not
                // depend on the database being up.
                args.add("--wenku.security.session-store.url=" + infrastructure.postgresJdbcUrl());
                args.add("--wenku.security.session-store.username=" + infrastructure.postgresUsername());
            }
            // Every instance of each service: the gateway balances over them, health-checked when there are several.
            args.add("--wenku.gateway.ingest-uri=" + urls(ServiceModule.INGEST));
            args.add("--wenku.gateway.analysis-uri=" + urls(ServiceModule.ANALYSIS));
            args.add("--wenku.gateway.search-uri=" + urls(ServiceModule.SEARCH));
            args.add("--wenku.gateway.operations-uri=" + urls(ServiceModule.OPERATIONS));
        }
        if (service == ServiceModule.OPERATIONS) {
            // The instances whose health and metrics the operators' overview gathers (no Prometheus here).
            for (ServiceModule observed : List.of(ServiceModule.INGEST, ServiceModule.ANALYSIS, ServiceModule.SEARCH)) {
                for (Instance each : instances(observed)) {
                    args.add("--spring.cloud.discovery.client.simple.instances." + observed.module() + "["
                        + each.index() + "].uri=" + url(each));
                }
            }
        }
        settings.getOrDefault(service, Map.of()).forEach((name, value) -> args.add("--" + name + "=" + value));
        return args;
    }

    /**
     * What clusters and several instances change: every topic with a replica on each Kafka node, all but one of which
     * must have a record before it is acknowledged (one node may be down); every shard with a replica (one
     * Elasticsearch node may be down); one ingest instance watching the drop folder (two would both take each new file;
     * docs/deployment.md).
     */
    private List<String> clusterArguments(Instance instance) {
        List<String> args = new ArrayList<>();
        if (topology.kafkaNodes() > 1) {
            args.add("--wenku.kafka.topics.replication-factor=" + topology.kafkaNodes());
            args.add("--wenku.kafka.topics.min-insync-replicas=" + (topology.kafkaNodes() - 1));
        }
        if (topology.elasticsearchNodes() > 1) {
            args.add("--wenku.search.index-replicas=1");
        }
        if (instance.service() == ServiceModule.INGEST && instance.index() > 0) {
            args.add("--wenku.ingest.drop-folder.enabled=false");
        }
        return args;
    }

    /**
     * Sessions in PostgreSQL when there are several gateways, so that either knows a session; one gateway keeps them in
     * memory, so that its editors' sessions do not depend on the database being up.
     */
    private boolean sharedSessions() {
        return topology.instances(ServiceModule.GATEWAY) > 1;
    }

    /** The first instance's URL. */
    public String url(ServiceModule service) {
        return url(first(service));
    }

    public String url(Instance instance) {
        return "http://127.0.0.1:" + ports.get(instance);
    }

    /** Every instance's URL, comma-separated (a list setting). */
    private String urls(ServiceModule service) {
        return instances(service).stream().map(this::url).collect(Collectors.joining(","));
    }

    public Topology topology() {
        return topology;
    }

    public String gatewayUrl() {
        return url(ServiceModule.GATEWAY);
    }

    /** The folder whose new and changed files ingest-service picks up. */
    public Path dropFolder() {
        return dropFolder;
    }

    /**
     * The key of this run's caller tokens, for a benchmark that calls a service directly to compare it with the way
     * through the gateway (and must then sign as the gateway does).
     */
    public String callerTokenSecret() {
        return callerTokenSecret;
    }

    /** The accounts of this run (passwords generated unless given in the environment). */
    public PlatformAccounts accounts() {
        return accounts;
    }

    /**
     * Settings of a Kafka client that logs in as {@code service} does, with exactly its rights (for tests of those
     * rights); {@link Infrastructure#kafkaClientSettings()} logs in as the super user.
     */
    public Map<String, Object> kafkaClientSettings(ServiceModule service) {
        return infrastructure.kafkaAccounts().orElseThrow()
            .settings(infrastructure.kafkaBootstrapServers(), service.module());
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    /** Where the embedded PostgreSQL's password is kept (readable by its owner only). */
    public Path postgresPasswordFile() {
        return infrastructure.postgresPasswordFile();
    }

    /**
     * Every process this platform started (Kafka, Elasticsearch, PostgreSQL's watcher JVM, the services) by name,
     * e.g. to read their memory; processes they start themselves (extraction workers, the postgres processes) are
     * among their descendants.
     */
    public Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> processes = new LinkedHashMap<>();
        infrastructure.processes().forEach((name, process) -> processes.put(name, process.handle()));
        ports.keySet().forEach(instance -> processes.put(instance.name(), services.get(instance).handle()));
        return processes;
    }


    @Override
    public void close() {
        // Front to back, so nothing produces into a broker that is already gone.
        for (ServiceModule service : List.of(ServiceModule.GATEWAY, ServiceModule.OPERATIONS, ServiceModule.INGEST,
                ServiceModule.ANALYSIS, ServiceModule.SEARCH)) {
            CompletableFuture.allOf(instances(service).stream().map(services::get).filter(Objects::nonNull)
                .map(process -> CompletableFuture.runAsync(process::close)).toArray(CompletableFuture[]::new)).join();
        }
        infrastructure.close();
    }
}
