package dev.wenku.infrastructure.launcher;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A Kafka cluster on this machine ({@link LocalServers#startKafkaCluster}): its nodes' client and controller ports and
 * its id, fixed when it is laid out, so that a node killed and started again rejoins as itself.
 *
 * @param dataRoot        node {@code n}'s data lives in {@code node-n} below it
 * @param clusterId       the cluster's id, as Kafka writes it (a 16-byte UUID in unpadded URL-safe base64)
 */
public record KafkaClusterLayout(Path dataRoot, List<Integer> ports, List<Integer> controllerPorts, String clusterId) {

    /** {@code nodes} nodes on free ports, with a new cluster id. */
    public static KafkaClusterLayout of(Path dataRoot, int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("A cluster has at least one node, not " + nodes);
        }
        return new KafkaClusterLayout(dataRoot, IntStream.range(0, nodes).mapToObj(i -> FreePorts.next()).toList(),
            IntStream.range(0, nodes).mapToObj(i -> FreePorts.next()).toList(), randomClusterId());
    }

    /** As Kafka makes one: never starting with '-', which its tools would take for an option. */
    static String randomClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] id = new byte[16];
        String text;
        do {
            random.nextBytes(id);
            text = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        } while (text.startsWith("-"));
        return text;
    }

    public int nodes() {
        return ports.size();
    }

    /** The controllers, {@code id@127.0.0.1:port,…}, node ids counting from 1. */
    public String voters() {
        return IntStream.range(0, nodes()).mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts.get(i))
            .collect(Collectors.joining(","));
    }

    /** Every node's client address, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    Path data(int index) {
        return dataRoot.resolve("node-" + (index + 1));
    }
}
