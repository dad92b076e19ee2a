package dev.wenku.gateway;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.wenku.support.testing.TestCallers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two instances of search-service and of ingest-service, small real HTTP servers: the gateway balances over them,
 * takes one out of the rotation while it is not ready and within seconds of its death, and back when it is ready.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {TestCallers.SECRET_PROPERTY,
    "wenku.security.users.editor.password=balancing-test", "wenku.security.users.editor.roles=EDITOR",
    "spring.cloud.loadbalancer.health-check.interval=500ms",
    // About balancing, not the breaker: the uploads that fail before the dead instance leaves must not open it.
    "resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=1000", "wenku.rate-limit.enabled=false"})
class GatewayBalancingTest {

    private static final Instance SEARCH_1 = new Instance("search-1");
    private static final Instance SEARCH_2 = new Instance("search-2");
    private static final Instance INGEST_1 = new Instance("ingest-1");
    private static final Instance INGEST_2 = new Instance("ingest-2");
    private static final int REQUESTS = 8;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("wenku.gateway.search-uri", () -> SEARCH_1.uri() + "," + SEARCH_2.uri());
        registry.add("wenku.gateway.ingest-uri", () -> INGEST_1.uri() + "," + INGEST_2.uri());
    }

    @AfterAll
    static void stop() {
        List.of(SEARCH_1, SEARCH_2, INGEST_1, INGEST_2).forEach(instance -> instance.server.stop(0));
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void requestsGoToEveryReadyInstanceAndNotToOneThatIsNotReady() {
        await().alias("both instances serve").atMost(Duration.ofSeconds(10))
            .until(() -> served("/api/search?q=x", "GET"), Set.of("search-1", "search-2")::equals);

        SEARCH_1.readiness.set(503);
        await().alias("the instance that is not ready leaves the rotation").atMost(Duration.ofSeconds(10))
            .until(() -> served("/api/search?q=x", "GET"), Set.of("search-2")::equals);

        SEARCH_1.readiness.set(200);
        await().alias("and comes back when it is ready").atMost(Duration.ofSeconds(10))
            .until(() -> served("/api/search?q=x", "GET"), Set.of("search-1", "search-2")::equals);
    }

    /** Uploads are not retried (not idempotent): they succeed again once the dead instance left the rotation. */
    @Test
    void aDeadInstanceLeavesTheRotationWithinSeconds() {
        await().alias("both instances serve").atMost(Duration.ofSeconds(10))
            .until(() -> served("/api/documents", "POST"), Set.of("ingest-1", "ingest-2")::equals);

        INGEST_1.server.stop(0);
        await().alias("every upload reaches the instance alive").atMost(Duration.ofSeconds(10))
            .until(() -> served("/api/documents", "POST"), Set.of("ingest-2")::equals);
    }

    /** Which instances answered {@value #REQUESTS} requests, and "failed &lt;status&gt;" for answers that are not 200. */
    private Set<String> served(String path, String method) throws Exception {
        Set<String> instances = new TreeSet<>();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            responses.add(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + path)).header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    "editor:balancing-test".getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (HttpResponse<String> response : responses) {
            instances.add(response.statusCode() == 200 ? response.headers().firstValue("X-Instance").orElse("?")
                : "failed " + response.statusCode());
        }
        return instances;
    }

    /** An instance of a service: answers 200 naming itself, and its readiness probe with {@link #readiness}. */
    private static final class Instance {

        private final AtomicInteger readiness = new AtomicInteger(200);
        private final HttpServer server;

        Instance(String name) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                boolean probe = exchange.getRequestURI().getPath().equals("/actuator/health/readiness");
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("X-Instance", name);
                exchange.sendResponseHeaders(probe ? readiness.get() : 200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }
    }
}
