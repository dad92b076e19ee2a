package dev.wenku.gateway;

import static dev.wenku.support.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the gateway forwards to a service that answers: a chunked body is cut off at the size limit (the service
 * never receives more), and an answer of the service, a 503 included, is passed on as it is, not retried. The
 * service here is a plain HTTP server that counts what it receives; the behaviour checked is the gateway's.
 */
@Tag("security")
@GatewayTest(properties = {
    "wenku.gateway.max-upload-size=64KB",
    "wenku.gateway.max-request-size=16KB"
})
class GatewayForwardingIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final AtomicLong BYTES_RECEIVED = new AtomicLong();
    private static final AtomicInteger SEARCHES_RECEIVED = new AtomicInteger();
    private static HttpServer service;

    @DynamicPropertySource
    static void aServiceThatAnswers(DynamicPropertyRegistry registry) throws IOException {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                byte[] chunk = new byte[8192];
                for (int n = body.read(chunk); n >= 0; n = body.read(chunk)) {
                    BYTES_RECEIVED.addAndGet(n);
                }
            }
            int status = 202;
            if (exchange.getRequestURI().getPath().equals("/api/search")) {
                SEARCHES_RECEIVED.incrementAndGet();
                status = 503;
            }
            byte[] answer = "{\"error\":\"from the service\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        service.start();
        String uri = "http://127.0.0.1:" + service.getAddress().getPort();
        registry.add("wenku.gateway.ingest-uri", () -> uri);
        registry.add("wenku.gateway.analysis-uri", () -> uri);
        registry.add("wenku.gateway.search-uri", () -> uri);
    }

    @AfterAll
    static void stopService() {
        service.stop(0);
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void aChunkedBodyPastTheLimitIsCutOffWith413AndTheServiceNeverGetsMoreThanTheLimit() throws Exception {
        BYTES_RECEIVED.set(0);
        byte[] piece = "长".repeat(1000).getBytes(StandardCharsets.UTF_8);
        // ofInputStream has no length: the client sends the body chunked, 3 MB in all.
        HttpRequest request = request("/api/documents").header("Content-Type", "application/json")
            .header("Authorization", editor())
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(Collections.enumeration(
                Stream.generate(() -> (InputStream) new ByteArrayInputStream(piece)).limit(1000).toList())))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertProblem(response, 413, "request_too_large");
        assertTrue(BYTES_RECEIVED.get() <= 64 * 1024, "the service received " + BYTES_RECEIVED.get() + " bytes");
        HttpResponse<String> small = HTTP.send(request("/api/documents").header("Content-Type", "application/json")
            .header("Authorization", editor()).POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"短\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(202, small.statusCode(), "a refused body did not open the service's circuit breaker");
    }

    @Test
    void aServicesAnswerIsPassedOnOnceNotRetried() throws Exception {
        SEARCHES_RECEIVED.set(0);
        HttpResponse<String> response = HTTP.send(request("/api/search?q=x").GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(503, response.statusCode());
        assertEquals(1, SEARCHES_RECEIVED.get(), "a GET that reached the service is not sent again");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    private static String editor() {
        return "Basic " + Base64.getEncoder().encodeToString("editor:editor-secret-1".getBytes(StandardCharsets.UTF_8));
    }
}
