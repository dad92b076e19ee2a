package dev.wenku.infrastructure.elasticsearch;

import dev.wenku.infrastructure.process.ParentWatch;
import dev.wenku.infrastructure.process.ReadyLine;
import dev.wenku.infrastructure.process.ServerArguments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.transport.TransportAddress;
import org.elasticsearch.env.Environment;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.ClasspathPluginsNode;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/**
 * A real Elasticsearch node bound to loopback, alone or one node of a cluster.
 *
 * <p>Arguments: {@code http-port=} (0 picks a free port; the ready line reports the real one) and {@code home=}
 * (config, data and logs live below it, so an index survives a restart); for a node of a cluster also
 * {@code node-name=}, {@code transport-port=}, {@code seed-hosts=} (every node's {@code 127.0.0.1:transport-port},
 * comma-separated) and {@code initial-masters=} (every node's name).
 */
public final class ElasticsearchServerMain {

    private ElasticsearchServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ParentWatch.exitWhenParentGoesAway();
        ServerArguments arguments = new ServerArguments(args);
        Path home = arguments.directory("home");
        // No native libraries ship in Maven jars; pointing at an empty folder makes that a one-line warning.
        System.setProperty("es.nativelibs.path", createDirectory(home.resolve("native")).toString());
        Settings.Builder builder = Settings.builder()
            .put("cluster.name", "wenku-local")
            .put("node.name", arguments.optional("node-name").orElse("wenku-local-node"))
            .put("path.home", home.toString())
            .put("path.data", createDirectory(home.resolve("data")).toString())
            .put("path.logs", createDirectory(home.resolve("logs")).toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", arguments.port("http-port"));
        Optional<String> seeds = arguments.optional("seed-hosts");
        if (seeds.isPresent()) {
            // One node of a cluster: it finds the others at their transport ports; the first election is among the
            // named nodes (ignored once the cluster has formed).
            builder.put("transport.port", arguments.port("transport-port"))
                .putList("discovery.seed_hosts", seeds.get().split(","))
                .putList("cluster.initial_master_nodes", arguments.text("initial-masters").split(","));
        } else {
            builder.put("discovery.type", "single-node").put("transport.port", 0);
        }
        Settings settings = builder
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            // The node runs Serial GC (small footprint), whose heap holds garbage until the next collection; the
            // real-memory parent breaker counted it and refused a _count with 429 while a bulk load ran. The
            // child breakers (requests, fielddata, in-flight bodies) still bound what requests hold.
            .put("indices.breaker.total.use_real_memory", false)
            .put("logger.level", "WARN")
            .build();

        LogConfigurator.registerErrorListener();
        LogConfigurator.configureESLogging();
        LogConfigurator.configureWithoutConfig(settings);

        Environment environment = new Environment(settings, createDirectory(home.resolve("config")));
        Node node = new ClasspathPluginsNode(environment,
            List.of(Netty4Plugin.class, CjkAnalysisPlugin.class, RootInfoPlugin.class));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(node, stopped), "elasticsearch-shutdown"));
        node.start();

        TransportAddress http = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress();
        new ReadyLine("elasticsearch", "http://" + http.getAddress() + ":" + http.getPort()).announce();
        stopped.await();
    }

    private static void stop(Node node, CountDownLatch stopped) {
        try {
            node.close();
            node.awaitClose(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("Elasticsearch did not stop cleanly: " + e);
        } finally {
            stopped.countDown();
        }
    }

    private static Path createDirectory(Path path) throws java.io.IOException {
        return Files.createDirectories(path);
    }
}
