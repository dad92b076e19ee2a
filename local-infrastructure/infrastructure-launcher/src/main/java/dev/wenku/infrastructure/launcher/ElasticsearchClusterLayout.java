package dev.wenku.infrastructure.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * An Elasticsearch cluster on this machine ({@link LocalServers#startElasticsearchCluster}): its nodes' HTTP and
 * transport ports, fixed when it is laid out, so that a node killed and started again rejoins as itself.
 *
 * @param dataRoot node {@code n}'s home (config, data, logs) is {@code node-n} below it
 */
public record ElasticsearchClusterLayout(Path dataRoot, List<Integer> httpPorts, List<Integer> transportPorts) {

    /** {@code nodes} nodes on free ports. */
    public static ElasticsearchClusterLayout of(Path dataRoot, int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("A cluster has at least one node, not " + nodes);
        }
        return new ElasticsearchClusterLayout(dataRoot,
            IntStream.range(0, nodes).mapToObj(i -> FreePorts.next()).toList(),
            IntStream.range(0, nodes).mapToObj(i -> FreePorts.next()).toList());
    }

    public int nodes() {
        return httpPorts.size();
    }

    /** Every node's HTTP address, for a client that may use any of them. */
    public List<String> urls() {
        return httpPorts.stream().map(port -> "http://127.0.0.1:" + port).toList();
    }

    String nodeName(int index) {
        return "wenku-node-" + (index + 1);
    }

    String nodeNames() {
        return IntStream.range(0, nodes()).mapToObj(this::nodeName).collect(Collectors.joining(","));
    }

    String seedHosts() {
        return transportPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    Path home(int index) {
        return dataRoot.resolve("node-" + (index + 1));
    }
}
