package dev.wenku.infrastructure.kafka;

import dev.wenku.infrastructure.process.ParentWatch;
import dev.wenku.infrastructure.process.ReadyLine;
import dev.wenku.infrastructure.process.ServerArguments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.utils.Time;

/**
 * A real KRaft Kafka broker (broker and controller in one process), alone or one node of a cluster.
 *
 * <p>Arguments: {@code port=} client port, {@code controller-port=}, {@code data=} log directory; for a node of a
 * cluster also {@code node-id=}, {@code voters=} (every node's {@code id@127.0.0.1:controller-port}, comma-separated)
 * and {@code cluster-id=} (the same for every node; a Kafka {@code Uuid}). Storage is
 * formatted on first start and reused afterwards, so topics and offsets survive a restart. With
 * {@value KafkaUsers#ENVIRONMENT} set, clients must authenticate (SASL/SCRAM-SHA-256) and are authorised by ACLs;
 * the users' SCRAM credentials, and the grants of the file {@code acls=} (optional, {@link KafkaAcls}), are set at
 * every start, before the broker announces it is ready.
 */
public final class KafkaServerMain {

    private KafkaServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ParentWatch.exitWhenParentGoesAway();
        ServerArguments arguments = new ServerArguments(args);
        int port = arguments.port("port");
        int controllerPort = arguments.port("controller-port");
        Path data = arguments.directory("data");
        Files.createDirectories(data);

        Optional<KafkaUsers> users = KafkaUsers.fromEnvironment();
        List<AclBinding> acls = arguments.optional("acls").map(file -> KafkaAcls.read(Path.of(file))).orElse(List.of());
        if (!acls.isEmpty() && users.isEmpty()) {
            throw new IllegalArgumentException("acls= needs users (" + KafkaUsers.ENVIRONMENT + "): without them every"
                + " client is let in and ACLs mean nothing");
        }
        KafkaNodeProperties.Node node = arguments.optional("voters")
            .map(voters -> new KafkaNodeProperties.Node(Integer.parseInt(arguments.text("node-id")), port,
                controllerPort, voters, Math.min(3, voters.split(",").length)))
            .orElse(KafkaNodeProperties.Node.alone(port, controllerPort));
        // The file is for formatting the storage, which needs no listener security: no password is written to disk.
        Path propertiesFile = data.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(propertiesFile)) {
            KafkaNodeProperties.of(node, data.resolve("logs")).store(out, "Written by KafkaServerMain on every start");
        }
        formatStorageIfNew(propertiesFile, data.resolve("logs"),
            arguments.optional("cluster-id").orElseGet(() -> Uuid.randomUuid().toString()));

        Properties properties = KafkaNodeProperties.of(node, data.resolve("logs"), users);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "kafka-shutdown"));
        server.startup();
        if (users.isPresent()) {
            ScramCredentials.apply(port, users.get());
            if (!acls.isEmpty()) {
                KafkaAcls.apply(users.get().superUserSettings(port), acls);
            }
        }
        new ReadyLine("kafka", "127.0.0.1:" + port).announce();
        server.awaitShutdown();
    }

    /**
     * A formatted log directory keeps its cluster id: formatting it again with a new one would be refused. The nodes of
     * one cluster are formatted with the same id.
     */
    private static void formatStorageIfNew(Path propertiesFile, Path logDirectory, String clusterId) throws IOException {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] format = {"format", "-t", clusterId, "-c", propertiesFile.toString(),
            "--ignore-formatted"};
        int exit = StorageTool.execute(format, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("Formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }
}
