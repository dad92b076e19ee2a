package dev.wenku.infrastructure.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole platform on this machine: real Kafka, Elasticsearch and PostgreSQL plus the services, each in processes of its
 * own talking over loopback, all stopped by {@link #close()} (or with this process, whatever ends it).
 */
public final class LocalPlatform implements AutoCloseable {

    private static final Duration SERVICE_START_TIMEOUT = Duration.ofSeconds(180);
    /** The heap of each service JVM (MiB): small, so that the whole platform fits one machine. */
    public static final int SERVICE_HEAP_MIB = 384;
    /** {@code wenku.security.caller-token.secret} of the gateway and every service. */
    public static final String CALLER_TOKEN_SECRET = "WENKU_SECURITY_CALLERTOKEN_SECRET";

    private final EmbeddedInfrastructure infrastructure;
    private final Map<ServiceModule, ChildProcess> services = new EnumMap<>(ServiceModule.class);
    private final Map<ServiceModule, Integer> ports = new EnumMap<>(ServiceModule.class);
    private final Path dropFolder;
    private final PlatformAccounts accounts;
    /**
     * The key the gateway signs caller tokens with and the services verify them with: new for every run, held only
     * in memory and in the services' environments, never on disk (a restarted service of this run gets it again).
     */
    private final String callerTokenSecret = RandomSecrets.generate(32);

    private LocalPlatform(EmbeddedInfrastructure infrastructure, Path dropFolder, PlatformAccounts accounts) {
        this.infrastructure = infrastructure;
        this.dropFolder = dropFolder;
        this.accounts = accounts;
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
        PlatformAccounts accounts = PlatformAccounts.prepare(data);
        KafkaAccounts kafkaAccounts = KafkaAccounts.generate(Arrays.stream(ServiceModule.values())
            .filter(ServiceModule::usesKafka).map(ServiceModule::module).toList());
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(layout, data, ports.kafka(),
            ports.elasticsearch(), ports.postgres(), echo, kafkaAccounts);
        kafkaAccounts.writeClientFiles(data.resolve("kafka"));
        PrivateDirectories.create(data.resolve("drop"));
        PrivateDirectories.create(data.resolve("imports"));
        LocalPlatform platform = new LocalPlatform(infrastructure, data.resolve("drop"), accounts);
        try {
            platform.startServices(layout, data.resolve("logs"), ports.gateway(), gatewaySettings, echo);
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startServices(ProjectLayout layout, Path logs, int gatewayPort, Map<String, String> gatewaySettings,
                               PrintStream echo) {
        this.launch = new Launch(layout, logs, gatewaySettings, echo);
        for (ServiceModule service : ServiceModule.values()) {
            ports.put(service, service == ServiceModule.GATEWAY ? FreePorts.preferring(gatewayPort) : FreePorts.next());
        }
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (ServiceModule service : ServiceModule.values()) {
            started.add(launch(service, service.module() + ".log"));
        }
        CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
    }

    private record Launch(ProjectLayout layout, Path logs, Map<String, String> gatewaySettings, PrintStream echo) {
    }

    private Launch launch;
    private int restarts;

    /** The JVM options of every service, whoever starts it (this platform, {@link ServiceProcesses}). */
    static JavaCommand serviceJvm() {
        return new JavaCommand()
            .option("-Xms64m").option("-Xmx" + SERVICE_HEAP_MIB + "m").option("-XX:+UseSerialGC")
            // Netty (the gateway) frees direct buffers with malloc/free only when native access is enabled; without it,
            // on JDK 25, it closes a shared Arena per buffer, which stops every thread (a handshake) each time.
            .option("--enable-native-access=ALL-UNNAMED");
    }

    /** Starts {@code service}'s JVM; the future completes when its health endpoint answers 200. */
    private CompletableFuture<Void> launch(ServiceModule service, String logName) {
        List<String> command = serviceJvm()
            .classpath(launch.layout().processSupportClasspath() + java.io.File.pathSeparator
                + launch.layout().serviceJar(service.module()))
            .main("dev.wenku.infrastructure.process.ParentWatch", arguments(service, launch.gatewaySettings()))
            .build();
        ChildProcess process = ChildProcess.start(service.module(), command, environment(service),
            launch.logs().resolve(logName), launch.echo());
        services.put(service, process);
        return CompletableFuture.runAsync(() -> HttpProbe.awaitResponse(
            url(service) + "/actuator/health", r -> r.statusCode() == 200, SERVICE_START_TIMEOUT, process));
    }

    /** Kills {@code service}'s JVM with SIGKILL, as a crash would (for fault tests). */
    public void kill(ServiceModule service) {
        services.get(service).kill();
    }

    /**
     * Starts {@code service} again on its port after {@link #kill}; returns once it is healthy. Its output goes to
     * {@code logs/<module>.<n>.log}.
     */
    public void restart(ServiceModule service) {
        launch(service, service.module() + "." + (++restarts) + ".log").join();
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

    /** Secrets a service gets in its environment, where {@code ps} does not show them. */
    private Map<String, String> environment(ServiceModule service) {
        Map<String, String> environment = new LinkedHashMap<>(secrets(service));
        environment.put(CALLER_TOKEN_SECRET, callerTokenSecret);
        infrastructure.kafkaAccounts().ifPresent(kafka -> environment.putAll(kafka.environment(service.module())));
        return environment;
    }

    private Map<String, String> secrets(ServiceModule service) {
        return switch (service) {
            case GATEWAY -> accounts.gatewayEnvironment();
            case INGEST, ANALYSIS -> Map.of("SPRING_DATASOURCE_PASSWORD", infrastructure.postgresPassword());
            default -> Map.of();
        };
    }

    private List<String> arguments(ServiceModule service, Map<String, String> gatewaySettings) {
        List<String> args = new ArrayList<>(List.of(
            "org.springframework.boot.loader.launch.JarLauncher",
            "--server.port=" + ports.get(service),
            "--server.address=127.0.0.1",
            "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
            "--spring.elasticsearch.uris=" + infrastructure.elasticsearchUrl(),
            "--wenku.ingest.drop-folder.path=" + dropFolder));
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
            args.add("--wenku.gateway.ingest-uri=" + url(ServiceModule.INGEST));
            args.add("--wenku.gateway.analysis-uri=" + url(ServiceModule.ANALYSIS));
            args.add("--wenku.gateway.search-uri=" + url(ServiceModule.SEARCH));
            args.add("--wenku.gateway.operations-uri=" + url(ServiceModule.OPERATIONS));
            gatewaySettings.forEach((name, value) -> args.add("--" + name + "=" + value));
        }
        if (service == ServiceModule.OPERATIONS) {
            // The instances whose health and metrics the operators' overview gathers (no Prometheus here).
            for (ServiceModule observed : List.of(ServiceModule.INGEST, ServiceModule.ANALYSIS, ServiceModule.SEARCH)) {
                args.add("--spring.cloud.discovery.client.simple.instances." + observed.module() + "[0].uri="
                    + url(observed));
            }
        }
        return args;
    }

    public String url(ServiceModule service) {
        return "http://127.0.0.1:" + ports.get(service);
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
        services.forEach((service, process) -> processes.put(service.module(), process.handle()));
        return processes;
    }


    @Override
    public void close() {
        // Front to back, so nothing produces into a broker that is already gone.
        for (ServiceModule service : List.of(ServiceModule.GATEWAY, ServiceModule.OPERATIONS, ServiceModule.INGEST,
                ServiceModule.ANALYSIS, ServiceModule.SEARCH)) {
            ChildProcess process = services.get(service);
            if (process != null) {
                process.close();
            }
        }
        infrastructure.close();
    }
}
