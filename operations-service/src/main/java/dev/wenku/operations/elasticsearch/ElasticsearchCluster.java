package dev.wenku.operations.elasticsearch;

import java.util.List;

/**
 * The Elasticsearch cluster as the operators' page shows it: each node the services are configured with, whether it
 * answers, and the cluster's own health when a node could report it.
 *
 * @param status           {@code green}, {@code yellow} (some replica unassigned: one more node lost may lose
 *                         data) or {@code red} (some primary unassigned: some documents neither searched nor
 *                         indexed); null when no node reported it
 * @param nodesInCluster   the nodes the cluster counts, null when no node reported it
 * @param unassignedShards shards (primaries and replicas) on no node, null when no node reported it
 * @param nodes            every configured node, in the configured order
 * @param nodesDown        the URLs of the configured nodes that do not answer
 */
public record ElasticsearchCluster(String status, Integer nodesInCluster, Integer unassignedShards, List<Node> nodes,
                                   List<String> nodesDown) {

    /**
     * A configured node.
     *
     * @param name the node's name, null when it answered without saying (no credentials) or did not answer
     */
    public record Node(String url, boolean up, String name) {
    }
}
