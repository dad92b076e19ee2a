package dev.wenku.infrastructure.launcher;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The one-command run: {@code RunPlatform [--cluster] [--gateway-port=8080] [--kafka-port=9092]
 * [--elasticsearch-port=9200] [--postgres-port=5432] [--data-dir=.local-run] [--no-seeds] [--quiet]}. Ports are used
 * when free, otherwise free ones are picked. Starts everything, loads the seeds, prints the gateway URL, an example
 * search and the resident memory of it all, and runs until Ctrl-C. {@code --cluster} runs Kafka and Elasticsearch as
 * clusters of three nodes and two instances of every service ({@link LocalPlatform.Topology#CLUSTER}; data in
 * {@code .local-run-cluster} by default, so that it never mixes with a single node's).
 */
public final class RunPlatform {

    static final String EXAMPLE_QUERY = "新质生产力";

    private RunPlatform() {
    }

    public static void main(String[] args) throws InterruptedException {
        int gatewayPort = 8080;
        int kafkaPort = 9092;
        int elasticsearchPort = 9200;
        int postgresPort = 5432;
        Path data = null;
        boolean seeds = true;
        boolean quiet = false;
        LocalPlatform.Topology topology = LocalPlatform.Topology.SINGLE;
        for (String arg : args) {
            if (arg.equals("--cluster")) {
                topology = LocalPlatform.Topology.CLUSTER;
            } else if (arg.startsWith("--gateway-port=")) {
                gatewayPort = Integer.parseInt(arg.substring("--gateway-port=".length()));
            } else if (arg.startsWith("--kafka-port=")) {
                kafkaPort = Integer.parseInt(arg.substring("--kafka-port=".length()));
            } else if (arg.startsWith("--elasticsearch-port=")) {
                elasticsearchPort = Integer.parseInt(arg.substring("--elasticsearch-port=".length()));
            } else if (arg.startsWith("--postgres-port=")) {
                postgresPort = Integer.parseInt(arg.substring("--postgres-port=".length()));
            } else if (arg.startsWith("--data-dir=")) {
                data = Path.of(arg.substring("--data-dir=".length()));
            } else if (arg.equals("--no-seeds")) {
                seeds = false;
            } else if (arg.equals("--quiet")) {
                quiet = true;
            } else {
                System.err.println("Unknown option " + arg
                    + "\nUsage: RunPlatform [--cluster] [--gateway-port=8080] [--kafka-port=9092] [--elasticsearch-port=9200]"
                    + " [--postgres-port=5432] [--data-dir=DIR] [--no-seeds] [--quiet]");
                System.exit(2);
            }
        }
        ProjectLayout layout = ProjectLayout.locate();
        boolean cluster = topology.clustered();
        Path dataDir = (data != null ? data : layout.root().resolve(cluster ? ".local-run-cluster" : ".local-run"))
            .toAbsolutePath();
        long started = System.nanoTime();
        System.out.println("Starting " + (cluster ? "clusters of Kafka and Elasticsearch, PostgreSQL and two instances of"
            + " every service" : "Kafka, Elasticsearch, PostgreSQL and the services") + " (data and logs in " + dataDir
            + ") ...");

        LocalPlatform platform = LocalPlatform.start(layout, dataDir,
            new LocalPlatform.Ports(gatewayPort, kafkaPort, elasticsearchPort, postgresPort), quiet ? null : System.out,
            Map.of(), topology);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the platform ...");
            platform.close();
            stopped.countDown();
        }, "platform-stop"));

        String gateway = platform.gatewayUrl();
        if (seeds) {
            List<SeedLoader.Upload> uploads = SeedLoader.loadAll(layout.seeds(), gateway, platform.accounts().editor(), System.out);
            uploads.stream().filter(u -> !u.accepted()).forEach(u -> System.out.println("Seed " + u.file().getFileName()
                + " was refused: HTTP " + u.status() + " " + u.response()));
            SearchReadiness.await(gateway, EXAMPLE_QUERY, uploads.stream().filter(SeedLoader.Upload::accepted)
                .mapToLong(SeedLoader.Upload::documents).sum());
        }
        String search = gateway + "/api/search?q=" + URLEncoder.encode(EXAMPLE_QUERY, StandardCharsets.UTF_8);
        String gateways = platform.instances(ServiceModule.GATEWAY).stream().map(platform::url)
            .collect(Collectors.joining(", "));
        System.out.printf("%n==> Wenku is running (ready in %.1f s)%n    Gateway:        %s%n"
                + "    Example search: %s%n    (%s)%n    Kafka:          %s (SASL: kcat -F %s; Kafka's tools and"
                + " Java clients: %s)%n    Elasticsearch:  %s%n"
                + "    PostgreSQL:     %s (user %s, password in %s)%n"
                + "    Web UI:         %s/ (editors: %s/editor.html, operators: %s/operator.html)%n"
                + "    Accounts:       editor, operator (passwords in %s, readable by you only)%n"
                + "    Drop folder:    %s%n    Logs:           %s%n    Memory:         %s%n"
                + "    Press Ctrl-C to stop everything.%n%n",
            (System.nanoTime() - started) / 1e9, gateways, search, gateway + "/api/search?q=" + EXAMPLE_QUERY,
            platform.infrastructure().kafkaBootstrapServers(),
            dataDir.resolve("kafka").resolve(KafkaAccounts.KCAT_FILE),
            dataDir.resolve("kafka").resolve(KafkaAccounts.JAVA_CLIENT_FILE),
            String.join(", ", platform.infrastructure().elasticsearchUrls()),
            platform.infrastructure().postgresJdbcUrl(), platform.infrastructure().postgresUsername(),
            platform.postgresPasswordFile(),
            gateway, gateway, gateway, platform.accounts().file(), platform.dropFolder(), dataDir.resolve("logs"),
            residentMemory(platform));
        stopped.await();
    }

    /** The whole platform's resident memory, and its largest processes. */
    private static String residentMemory(LocalPlatform platform) {
        PlatformMemory.Sample sample = PlatformMemory.sample(platform);
        return String.format("%.2f GiB resident in %d processes (%s)", PlatformMemory.gib(sample.total()),
            sample.processes(), sample.bytesByProcess().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                .map(e -> String.format("%s %.0f MiB", e.getKey(), e.getValue() / 1048576.0))
                .collect(Collectors.joining(", ")) + ", …");
    }

}
