package dev.wenku.operations.elasticsearch;

import dev.wenku.operations.OperationsProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the Elasticsearch cluster for the operators' page: every node of {@code spring.elasticsearch.uris} (the
 * setting search-service connects with) is asked {@code GET /} on its own, so the page can name the node that is down
 * (the cluster itself only counts the nodes it still has); then one answering node is asked for
 * {@code /_cluster/health}. With security on, a node that answers 401 is up; the health needs
 * {@code spring.elasticsearch.username} and {@code .password} of a user with the {@code monitor} cluster privilege.
 *
 * <p>Plain HTTP requests rather than the Elasticsearch client: the client balances over the nodes and hides which one
 * failed, which is the one thing this page must say.
 */
@Component
public class ElasticsearchNodes {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<URI> nodes;
    private final Optional<String> authorization;
    private final Duration timeout;
    private final HttpClient http;

    ElasticsearchNodes(Environment environment, OperationsProperties properties) {
        Binder binder = Binder.get(environment);
        this.nodes = binder.bind("spring.elasticsearch.uris", Bindable.listOf(URI.class)).orElse(List.of());
        String user = binder.bind("spring.elasticsearch.username", String.class).orElse(null);
        String password = binder.bind("spring.elasticsearch.password", String.class).orElse("");
        this.authorization = Optional.ofNullable(user).map(name -> "Basic " + Base64.getEncoder()
            .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8)));
        this.timeout = properties.scrapeTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Whether any node is configured; without one the page has no Elasticsearch section. */
    public boolean configured() {
        return !nodes.isEmpty();
    }

    /** Each node asked at once; the health from the first node that answers. Never throws: a failure is "down". */
    public ElasticsearchCluster read() {
        List<CompletableFuture<ElasticsearchCluster.Node>> asked = nodes.stream()
            .map(node -> get(node.resolve("/")).handle((answer, failure) -> node(node, answer))).toList();
        List<ElasticsearchCluster.Node> read = asked.stream().map(CompletableFuture::join).toList();
        List<String> down = read.stream().filter(node -> !node.up()).map(ElasticsearchCluster.Node::url).toList();
        JsonNode health = read.stream().filter(ElasticsearchCluster.Node::up).findFirst()
            .map(node -> health(URI.create(node.url()))).orElse(null);
        if (health == null) {
            return new ElasticsearchCluster(null, null, null, read, down);
        }
        return new ElasticsearchCluster(health.path("status").asString(), health.path("number_of_nodes").asInt(),
            health.path("unassigned_shards").asInt(), read, down);
    }

    private static ElasticsearchCluster.Node node(URI node, HttpResponse<String> answer) {
        String url = node.toString();
        if (answer == null || (answer.statusCode() != 200 && answer.statusCode() != 401 && answer.statusCode() != 403)) {
            return new ElasticsearchCluster.Node(url, false, null);
        }
        String name = answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("name").asString(null) : null;
        return new ElasticsearchCluster.Node(url, true, name);
    }

    /** The cluster's health as one node reports it, or null when it cannot (no credentials, or it went away). */
    private JsonNode health(URI node) {
        try {
            HttpResponse<String> answer = get(node.resolve("/_cluster/health")).join();
            return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private CompletableFuture<HttpResponse<String>> get(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
