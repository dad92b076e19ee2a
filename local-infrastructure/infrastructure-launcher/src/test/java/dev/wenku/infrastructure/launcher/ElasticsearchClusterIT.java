package dev.wenku.infrastructure.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real Elasticsearch nodes in one cluster, from the project's server module: an index with a replica of each
 * shard keeps answering every search with every document while one node is killed with SIGKILL, and is whole again
 * (green) once the node is started again on its data.
 */
class ElasticsearchClusterIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int DOCUMENTS = 100;

    @TempDir
    Path data;

    @Test
    void anIndexWithAReplicaAnswersWithEveryDocumentWhileOneNodeIsDown() throws Exception {
        LocalServers servers = new LocalServers(ProjectLayout.locate(), data.resolve("logs"), null);
        ElasticsearchClusterLayout cluster = ElasticsearchClusterLayout.of(data.resolve("elasticsearch"), 3);
        List<RunningServer> nodes = new ArrayList<>(servers.startElasticsearchCluster(cluster));
        String first = cluster.urls().getFirst();
        try {
            await().alias("three nodes form one cluster").atMost(Duration.ofSeconds(90))
                .until(() -> get(first + "/_cat/nodes?h=name").lines().count() == 3);
            send("PUT", first + "/replicated", """
                {"settings": {"number_of_shards": 3, "number_of_replicas": 1}}""");
            StringBuilder bulk = new StringBuilder();
            for (int i = 0; i < DOCUMENTS; i++) {
                bulk.append("{\"index\": {\"_id\": \"").append(i).append("\"}}\n{\"n\": ").append(i).append("}\n");
            }
            send("POST", first + "/replicated/_bulk?refresh=true", bulk.toString());
            awaitStatus(first, "green");

            nodes.get(2).process().kill();
            await().alias("the cluster notices the node is gone").atMost(Duration.ofSeconds(90))
                .until(() -> get(first + "/_cat/nodes?h=name").lines().count() == 2);
            assertEquals(DOCUMENTS, count(first), "every document while a node is down");
            assertEquals(DOCUMENTS, count(cluster.urls().get(1)), "through the other node too");

            nodes.set(2, servers.startElasticsearchNode(cluster, 2));
            awaitStatus(first, "green");
            assertEquals(DOCUMENTS, count(cluster.urls().get(2)), "through the node started again");
        } finally {
            nodes.forEach(RunningServer::close);
        }
    }

    private static void awaitStatus(String node, String status) {
        await().alias("the cluster is " + status).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
            .until(() -> get(node + "/_cluster/health").contains("\"status\":\"" + status + "\""));
    }

    private static long count(String node) throws Exception {
        String answer = get(node + "/replicated/_count");
        return Long.parseLong(answer.replaceAll(".*\"count\":(\\d+).*", "$1").strip());
    }

    private static String get(String url) throws Exception {
        return send("GET", url, null);
    }

    private static String send(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                + response.body());
        }
        return response.body();
    }
}
