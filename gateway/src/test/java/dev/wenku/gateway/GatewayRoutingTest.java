package dev.wenku.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.wenku.support.security.CallerTokenProperties;
import dev.wenku.support.security.CallerTokens;
import dev.wenku.support.testing.TestCallers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Routes to two small real HTTP servers standing in for ingest and search. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {TestCallers.SECRET_PROPERTY,
    "wenku.security.users.operator.password=routing-test", "wenku.security.users.operator.roles=OPERATOR,EDITOR"})
class GatewayRoutingTest {

    private static final HttpServer INGEST = server("ingest", 413, "{\"error\":\"body_too_large\",\"message\":\"too big\"}");
    private static final HttpServer SEARCH = server("search", 200, "{\"total\":0,\"hits\":[]}");
    private static final HttpServer ANALYSIS = server("analysis", 200, "{\"themes\":[]}");
    /** Bytes of import bodies ingest has read so far. */
    private static final AtomicLong IMPORTED = new AtomicLong();

    static {
        INGEST.createContext("/api/imports", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                byte[] buffer = new byte[8192];
                for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                    IMPORTED.addAndGet(read);
                }
            }
            byte[] answer = "{\"id\":\"import-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
    }

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("wenku.gateway.ingest-uri", () -> "http://127.0.0.1:" + INGEST.getAddress().getPort());
        registry.add("wenku.gateway.search-uri", () -> "http://127.0.0.1:" + SEARCH.getAddress().getPort());
        registry.add("wenku.gateway.analysis-uri", () -> "http://127.0.0.1:" + ANALYSIS.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        INGEST.stop(0);
        SEARCH.stop(0);
        ANALYSIS.stop(0);
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void documentsGoToIngestAndItsErrorStatusAndBodyPassThrough() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/documents"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(413, response.statusCode());
        assertEquals("{\"error\":\"body_too_large\",\"message\":\"too big\"}", response.body());
        assertEquals("ingest POST /api/documents", response.headers().firstValue("X-Upstream").orElse(""));
    }

    @Test
    void searchGoesToSearchWithItsQueryString() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/search?q=%E6%96%B0&size=5")).GET());
        assertEquals(200, response.statusCode());
        assertEquals("search GET /api/search?q=%E6%96%B0&size=5", response.headers().firstValue("X-Upstream").orElse(""));
    }

    /**
     * An import streams through: ingest reads the start of the body while the client is still sending the rest. A
     * gateway that held the whole body before forwarding it (as a circuit breaker with a fallback or a retry filter
     * named after the route has it do) would keep a corpus's NDJSON in its memory, and ingest would see nothing until
     * the last byte.
     */
    @Test
    @Tag("security")
    void anImportsBodyReachesIngestWhileTheClientIsStillSendingIt() throws Exception {
        IMPORTED.set(0);
        PipedInputStream source = new PipedInputStream(1 << 16);
        byte[] line = "{\"title\":\"静夜思\",\"body\":\"床前明月光，疑是地上霜。\"}\n".getBytes(StandardCharsets.UTF_8);
        CompletableFuture<HttpResponse<String>> answer;
        try (OutputStream client = new PipedOutputStream(source)) {
            answer = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(uri("/api/imports"))
                .header("Content-Type", "application/x-ndjson").header("Authorization", operator())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> source)).build(),
                HttpResponse.BodyHandlers.ofString());
            for (int i = 0; i < 500; i++) {
                client.write(line);
            }
            client.flush();
            await().alias("the first lines read by ingest before the body ends").atMost(Duration.ofSeconds(20))
                .until(() -> IMPORTED.get() > 0);
            for (int i = 0; i < 500; i++) {
                client.write(line);
            }
        }
        HttpResponse<String> response = answer.get(20, TimeUnit.SECONDS);
        assertEquals(202, response.statusCode(), response.body());
        assertEquals(1000L * line.length, IMPORTED.get());
    }

    @Test
    void themesAndAnalysisOperationsGoToAnalysis() throws Exception {
        assertEquals("analysis GET /api/themes/suggestions",
            send(HttpRequest.newBuilder(uri("/api/themes/suggestions")).GET()).headers().firstValue("X-Upstream").orElse(""));
        assertEquals("analysis POST /api/analysis/reanalysis", send(HttpRequest.newBuilder(uri("/api/analysis/reanalysis"))
            .POST(HttpRequest.BodyPublishers.noBody())).headers().firstValue("X-Upstream").orElse(""));
    }

    @Test
    void relatedDocumentsSimilarPassagesAndTheReadingViewComeFromSearch() throws Exception {
        assertEquals("search GET /api/documents/abc/related",
            send(HttpRequest.newBuilder(uri("/api/documents/abc/related")).GET()).headers().firstValue("X-Upstream").orElse(""));
        assertEquals("search GET /api/documents/abc/reading",
            send(HttpRequest.newBuilder(uri("/api/documents/abc/reading")).GET()).headers().firstValue("X-Upstream").orElse(""));
        assertEquals("search GET /api/documents/abc/passages/2/similar", send(HttpRequest.newBuilder(
            uri("/api/documents/abc/passages/2/similar")).GET()).headers().firstValue("X-Upstream").orElse(""));
        assertEquals("ingest GET /api/documents/abc",
            send(HttpRequest.newBuilder(uri("/api/documents/abc")).GET()).headers().firstValue("X-Upstream").orElse(""));
    }

    @Test
    @Tag("security")
    void unknownPathsAreRefusedAndNotRouted() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/unknown")).GET());
        assertEquals(403, response.statusCode(), "deny by default, even to an operator");
        assertTrue(response.headers().firstValue("X-Upstream").isEmpty(), "no service saw it");
    }

    @Test
    @Tag("security")
    void theCallersCredentialsStopAtTheGatewayAndASignedCallerTokenGoesOn() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/documents/abc"))
            .header("Cookie", "JSESSIONID=from-the-browser").GET());
        assertEquals("ingest GET /api/documents/abc", response.headers().firstValue("X-Upstream").orElse(""));
        assertEquals("cookie=false", response.headers().firstValue("X-Upstream-Cookie").orElse(""));
        String forwarded = response.headers().firstValue("X-Upstream-Authorization").orElse("");
        assertTrue(forwarded.startsWith("Bearer "), "not the operator's password but a caller token: " + forwarded);
        Jwt caller = CallerTokens.decoder(new CallerTokenProperties(TestCallers.SECRET, Duration.ofMinutes(1)))
            .decode(forwarded.substring("Bearer ".length()));
        assertEquals("operator", caller.getSubject());
        assertEquals(Set.of("OPERATOR", "EDITOR"), Set.copyOf(caller.getClaimAsStringList(CallerTokens.ROLES_CLAIM)));

        String anonymous = send(HttpRequest.newBuilder(uri("/api/search?q=x")).GET(), false).headers()
            .firstValue("X-Upstream-Authorization").orElse("");
        Jwt reader = CallerTokens.decoder(new CallerTokenProperties(TestCallers.SECRET, Duration.ofMinutes(1)))
            .decode(anonymous.substring("Bearer ".length()));
        assertEquals(CallerTokens.ANONYMOUS, reader.getSubject());
        assertEquals(List.of(), reader.getClaimAsStringList(CallerTokens.ROLES_CLAIM));
    }

    @Test
    void theRequestIdReachesTheServiceAndComesBack() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/search?q=x"))
            .header("X-Request-Id", "trace-me-7").GET());
        assertEquals("trace-me-7", response.headers().firstValue("X-Upstream-Request-Id").orElse(""));
        assertEquals("trace-me-7", response.headers().firstValue("X-Request-Id").orElse(""));
    }

    /** As an operator, who may call everything: this test is about where requests go, not who may send them. */
    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return send(request, true);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, boolean asOperator) throws Exception {
        if (asOperator) {
            request.header("Authorization", operator());
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String operator() {
        return "Basic " + java.util.Base64.getEncoder()
            .encodeToString("operator:routing-test".getBytes(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpServer server(String name, int status, String body) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("X-Upstream-Authorization",
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                exchange.getResponseHeaders().add("X-Upstream-Cookie",
                    "cookie=" + exchange.getRequestHeaders().containsKey("Cookie"));
                exchange.getResponseHeaders().add("X-Upstream-Request-Id",
                    String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id")));
                exchange.getResponseHeaders().add("X-Upstream",
                    name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
