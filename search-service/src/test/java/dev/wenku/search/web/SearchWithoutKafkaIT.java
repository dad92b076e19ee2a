package dev.wenku.search.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.jayway.jsonpath.JsonPath;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.search.SearchApplication;
import dev.wenku.support.testing.TestCallers;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Searching needs Elasticsearch only: with no Kafka broker at its address, search-service starts, is ready (the
 * gateway and orchestrators route searches to it), answers searches, and its overall health shows the outage.
 */
@ExtendWith(RealInfrastructureExtension.class)
class SearchWithoutKafkaIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void searchesAreServedAndTheInstanceIsReadyWhileKafkaIsAway() throws Exception {
        String alias = "no-kafka-" + UUID.randomUUID();
        try (ConfigurableApplicationContext search = new SpringApplicationBuilder(SearchApplication.class).run(
                "--server.port=0", TestCallers.SECRET_ARGUMENT, "--wenku.search.index-alias=" + alias,
                "--spring.kafka.bootstrap-servers=127.0.0.1:" + unusedPort(), "--wenku.kafka.topics.create=false",
                "--spring.elasticsearch.uris=" + SharedInfrastructure.get().elasticsearchUrl())) {
            int port = ((WebServerApplicationContext) search).getWebServer().getPort();

            assertEquals(200, get(port, "/actuator/health/readiness", null).statusCode(), "ready without Kafka");
            HttpResponse<String> found = get(port, "/api/search?q=%E6%96%B0", TestCallers.anonymous());
            assertEquals(200, found.statusCode(), found.body());
            HttpResponse<String> health = get(port, "/actuator/health", null);
            assertEquals(503, health.statusCode(), "the whole health, Kafka's included, shows the outage");
            assertEquals("DOWN", JsonPath.read(health.body(), "$.status"), health.body());
        }
    }

    private static HttpResponse<String> get(int port, String path, String caller) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        return HTTP.send((caller == null ? request : request.header("Authorization", caller)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** A port nothing listens on: bound and released, so no broker answers there. */
    private static int unusedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
