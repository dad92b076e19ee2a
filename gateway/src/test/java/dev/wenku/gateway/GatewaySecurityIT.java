package dev.wenku.gateway;

import static dev.wenku.support.testing.ProblemAssertions.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's front door on its own: who may do what, JSON errors, rate limits, size limits, security headers,
 * request ids, and a JSON 503 from the circuit breaker when a service is down (every service here points at a port
 * nobody listens on; the decisions checked all happen in the gateway).
 */
@Tag("security")
@GatewayTest(properties = {
    "wenku.security.users.guessed.password=guessed-secret-3",
    "wenku.security.users.guessed.roles=EDITOR",
    "wenku.security.users.timed.password=timed-secret-4",
    "wenku.security.users.timed.roles=EDITOR",
    "wenku.security.users.scraper.password=scraper-secret-5",
    "wenku.security.users.scraper.roles=METRICS",
    "wenku.security.api-tokens[0].name=reader-script",
    "wenku.security.api-tokens[0].sha256=" + GatewaySecurityIT.READER_TOKEN_SHA256,
    "wenku.security.api-tokens[0].roles=READER",
    "wenku.rate-limit.trust-forwarded-for=true",
    "wenku.rate-limit.reads-per-second=5",
    "wenku.rate-limit.read-burst=40",
    "wenku.gateway.max-upload-size=1KB",
    "wenku.gateway.get-retries=0"
})
class GatewaySecurityIT {

    static final String READER_TOKEN = "wkt_reader-token-for-tests";
    static final String READER_TOKEN_SHA256 = "2cded418e95570bdac4f21eef089d8967dff06e4db0848a59129460a2ea9942c";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @DynamicPropertySource
    static void servicesThatAreDown(DynamicPropertyRegistry registry) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String down = "http://127.0.0.1:" + closed;
        registry.add("wenku.gateway.ingest-uri", () -> down);
        registry.add("wenku.gateway.analysis-uri", () -> down);
        registry.add("wenku.gateway.search-uri", () -> down);
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + closed);
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void theReaderTokenDigestInTheConfigurationMatchesTheToken() throws Exception {
        assertEquals(READER_TOKEN_SHA256, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(READER_TOKEN.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void anUnauthenticatedWriteGetsAJson401WithoutABrowserLogInBox() throws Exception {
        HttpResponse<String> response = send(post("/api/documents", "{\"title\":\"t\",\"body\":\"b\"}"));
        assertProblem(response, 401, "unauthenticated");
        assertFalse(response.headers().firstValue("WWW-Authenticate").orElse("").contains("Basic"));
    }

    @Test
    void aReadersWriteGets403() throws Exception {
        HttpResponse<String> response = send(post("/api/documents", "{\"title\":\"t\",\"body\":\"b\"}")
            .header("Authorization", "Bearer " + READER_TOKEN));
        String detail = assertProblem(response, 403, "forbidden").read("$.detail");
        assertTrue(detail.contains("'reader-script'"), "the problem names the account: " + response.body());
    }

    @Test
    void anEditorLogsInWritesThroughAndAfterLoggingOutTheTokenIsRefused() throws Exception {
        HttpResponse<String> session = send(post("/api/session",
            "{\"username\":\"editor\",\"password\":\"editor-secret-1\"}"));
        assertEquals(200, session.statusCode(), session.body());
        assertEquals(List.of("EDITOR"), JsonPath.read(session.body(), "$.roles"), session.body());
        String token = JsonPath.read(session.body(), "$.token");

        // Past security, the write meets the circuit breaker of a service that is down: a JSON 503, never a 202.
        HttpResponse<String> write = send(post("/api/documents", "{\"title\":\"t\",\"body\":\"b\"}")
            .header("Authorization", "Bearer " + token));
        String unavailable = assertProblem(write, 503, "service_unavailable").read("$.detail");
        assertTrue(unavailable.startsWith("ingest-service is not answering"), write.body());

        assertEquals(204, send(request("/api/session").header("Authorization", "Bearer " + token).DELETE()).statusCode());
        HttpResponse<String> afterLogOut = send(post("/api/documents", "{}").header("Authorization", "Bearer " + token));
        assertProblem(afterLogOut, 401, "bad_credentials");
    }

    @Test
    void aWrongPasswordIsA401AndNamesNoDetail() throws Exception {
        HttpResponse<String> response = send(post("/api/session", "{\"username\":\"editor\",\"password\":\"guess\"}"));
        assertProblem(response, 401, "bad_credentials");
        assertProblem(send(request("/api/documents/x").header("Authorization", "Basic Og==").GET()), 401,
            "bad_credentials");
        assertEquals(401, send(request("/api/documents/x").header("Authorization", "Basic ZWRpdG9yOmd1ZXNz").GET())
            .statusCode());
    }

    @Test
    void onlyOperatorsReachOperatorEndpointsAndTheActuator() throws Exception {
        String editor = basic("editor", "editor-secret-1");
        String operator = basic("operator", "operator-secret-2");
        assertEquals(403, send(request("/api/search/indexing/pause").header("Authorization", editor)
            .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
        assertEquals(401, send(request("/actuator/prometheus").GET()).statusCode());
        assertEquals(403, send(request("/actuator/prometheus").header("Authorization", editor).GET()).statusCode());
        HttpResponse<String> metrics = send(request("/actuator/prometheus").header("Authorization", operator).GET());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "the gateway's own metrics");
        assertEquals(200, send(request("/actuator/health").GET()).statusCode(), "probes stay open");
    }

    @Test
    void readersSearchAnonymouslyAndADownServiceIsAJson503() throws Exception {
        HttpResponse<String> response = send(request("/api/search?q=%E6%96%B0").GET());
        String detail = assertProblem(response, 503, "service_unavailable").read("$.detail");
        assertTrue(detail.startsWith("search-service is not answering"), "passed security, met the breaker: " + response.body());
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void aFloodFromOneClientGets429WithRetryAfterWhileOtherClientsAreServed() throws Exception {
        int limited = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 80; i++) {
            last = send(request("/api/search/suggest?q=x").header("X-Forwarded-For", "203.0.113.9").GET());
            if (last.statusCode() == 429) {
                limited++;
                assertTrue(Integer.parseInt(last.headers().firstValue("Retry-After").orElseThrow()) >= 1);
                assertProblem(last, 429, "rate_limited");
            }
        }
        assertTrue(limited >= 30, "most of a burst beyond 40 is refused: " + limited);
        assertNotEquals(429, send(request("/api/search/suggest?q=x").header("X-Forwarded-For", "203.0.113.10").GET())
            .statusCode(), "another client is not affected");
    }

    @Test
    void passwordGuessesSpendTheLogInBudgetWhateverTheMethodAndPath() throws Exception {
        int limited = 0;
        for (int i = 0; i < 45; i++) {
            // A new user name each time: what limits here is the client's budget, not one account's back-off.
            HttpResponse<String> guess = send(request("/api/documents/x").header("X-Forwarded-For", "203.0.113.20")
                .header("Authorization", basic("user-" + i, "guess")).GET());
            if (guess.statusCode() == 429) {
                limited++;
                assertProblem(guess, 429, "rate_limited");
            } else {
                assertEquals(401, guess.statusCode(), guess.body());
            }
        }
        assertTrue(limited >= 15, "beyond the log-in burst (20) guesses are refused unchecked: " + limited);
    }

    @Test
    void healthProbesLookAtNoCredentialsAndOtherHealthPathsAreForOperators() throws Exception {
        for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> answer = send(request(probe).header("Authorization", basic("editor", "wrong")).GET());
            assertNotEquals(401, answer.statusCode(), probe + " is no password oracle: " + answer.body());
        }
        assertEquals(401, send(request("/actuator/health/diskSpace").GET()).statusCode());
        assertEquals(200, send(request("/actuator/health/diskSpace").header("Authorization",
            basic("operator", "operator-secret-2")).GET()).statusCode());
    }

    @Test
    void anAccountThatFailedFiveLogInsInARowWaitsEvenWithTheRightPassword() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertProblem(logIn("guessed", "guess-" + i, "198.51.100." + (20 + i)), 401, "bad_credentials");
        }
        assertProblem(logIn("guessed", "guess-5", "198.51.100.30"), 401, "bad_credentials");
        HttpResponse<String> right = logIn("guessed", "guessed-secret-3", "198.51.100.31");
        assertProblem(right, 429, "rate_limited");
        assertTrue(Integer.parseInt(right.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        HttpResponse<String> unknown = logIn("nobody-here", "guess", "198.51.100.32");
        assertProblem(unknown, 401, "bad_credentials");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertEquals(200, logIn("guessed", "guessed-secret-3", "198.51.100.33").statusCode()));
    }

    @Test
    void anUnknownUserIsRefusedInAboutTheTimeOfAKnownUsersWrongPassword() throws Exception {
        long[] unknown = new long[5];
        long[] known = new long[5];
        for (int i = 0; i < 5; i++) {
            unknown[i] = timedLogIn("unknown-" + i, "198.51.100." + (40 + i));
            known[i] = timedLogIn("timed", "198.51.100." + (50 + i));
        }
        java.util.Arrays.sort(unknown);
        java.util.Arrays.sort(known);
        assertTrue(unknown[2] * 2 >= known[2], "median " + unknown[2] / 1_000_000 + " ms for unknown users, "
            + known[2] / 1_000_000 + " ms for a known user's wrong password");
    }

    @Test
    void aScriptSendingBasicCredentialsWithEveryRequestIsCheckedOnceNotPerRequest() throws Exception {
        // 30 requests: more than the log-in burst (20), fewer than the read burst (40).
        String operator = basic("operator", "operator-secret-2");
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> answer = send(request("/actuator/prometheus").header("X-Forwarded-For", "203.0.113.21")
                .header("Authorization", operator).GET());
            assertEquals(200, answer.statusCode(), "request " + i + " spends no log-in budget: " + answer.body());
        }
    }

    @Test
    void aHeadIsAllowedWhereAGetIs() throws Exception {
        HttpResponse<String> head = send(request("/api/search?q=x")
            .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertNotEquals(401, head.statusCode(), "anonymous HEAD of a public read");
    }

    @Test
    void behindATrustedProxyTheClientIsTheAddressTheProxyAppended() throws Exception {
        int limited = 0;
        for (int i = 0; i < 60; i++) {
            // The left-most address is the client's own choice: a new one per request must not buy a new budget.
            HttpResponse<String> answer = send(request("/api/search/suggest?q=x")
                .header("X-Forwarded-For", "10.9.8." + i + ", 203.0.113.22").GET());
            limited += answer.statusCode() == 429 ? 1 : 0;
        }
        assertTrue(limited >= 10, "one client behind the proxy, one budget (burst 40): " + limited);
    }

    @Test
    void aPathNoRuleNamesIsRefusedEvenToAnOperator() throws Exception {
        String operator = basic("operator", "operator-secret-2");
        assertProblem(send(request("/api/search/unlisted").header("Authorization", operator).GET()), 403, "forbidden");
        assertProblem(send(request("/api/search/unlisted").GET()), 401, "unauthenticated");
    }

    @Test
    void aMetricsAccountReadsTheMetricsAndNothingElse() throws Exception {
        String scraper = basic("scraper", "scraper-secret-5");
        HttpResponse<String> metrics = send(request("/actuator/prometheus").header("Authorization", scraper).GET());
        assertEquals(200, metrics.statusCode(), metrics.body());
        assertEquals(403, send(request("/actuator/env").header("Authorization", scraper).GET()).statusCode());
        assertEquals(403, send(post("/api/documents", "{}").header("Authorization", scraper)).statusCode());
    }

    private HttpResponse<String> logIn(String user, String password, String client) throws Exception {
        return send(post("/api/session", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")
            .header("X-Forwarded-For", client));
    }

    private long timedLogIn(String user, String client) throws Exception {
        long start = System.nanoTime();
        assertEquals(401, logIn(user, "wrong", client).statusCode());
        return System.nanoTime() - start;
    }

    @Test
    void aBodyLargerThanTheLimitIsRefusedWith413BeforeItIsForwarded() throws Exception {
        HttpResponse<String> response = send(post("/api/documents", "{\"body\":\"" + "长".repeat(2000) + "\"}")
            .header("Authorization", basic("editor", "editor-secret-1")));
        assertProblem(response, 413, "request_too_large");
    }

    @Test
    void responsesCarrySecurityHeadersAndARequestId() throws Exception {
        HttpResponse<String> response = send(request("/api/search?q=x").header("X-Request-Id", "reader-report-42").GET());
        assertEquals("reader-report-42", response.headers().firstValue("X-Request-Id").orElse(null));
        assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElse(null));
        assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(null));

        String generated = send(request("/api/search?q=x").header("X-Request-Id", "bad id with spaces").GET())
            .headers().firstValue("X-Request-Id").orElse(null);
        assertNotNull(generated);
        assertNotEquals("bad id with spaces", generated);
    }

    @Test
    void aKeepAliveConnectionIsStillServedAfterASlowAnswerAndAQuickOneCrossOnIt() throws Exception {
        // A client that sends its next request while the previous answer is still being finished (here: two requests
        // in one write, a forwarded one answered later and a refused one answered at once) must still be served on
        // that connection afterwards; Reactor Netty up to 1.3.8 stopped reading such a connection.
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            out.write((rawGet("/api/search?q=x") + rawGet("/actuator/prometheus")).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals(503, readResponseStatus(in));
            assertEquals(401, readResponseStatus(in));
            out.write(rawGet("/actuator/health").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals(200, readResponseStatus(in), "the third request on the connection is answered");
        }
    }

    private static String rawGet(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: 198.51.100.7\r\n\r\n";
    }

    /** Reads one HTTP/1.1 response (status line, headers, a Content-Length or chunked body) and returns its status. */
    private static int readResponseStatus(InputStream in) throws IOException {
        int status = Integer.parseInt(readLine(in).split(" ")[1]);
        long length = 0;
        boolean chunked = false;
        for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
            String name = header.substring(0, header.indexOf(':')).strip().toLowerCase(java.util.Locale.ROOT);
            String value = header.substring(header.indexOf(':') + 1).strip();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            }
        }
        if (!chunked) {
            in.skipNBytes(length);
            return status;
        }
        for (long chunk = Long.parseLong(readLine(in).strip(), 16); chunk > 0; chunk = Long.parseLong(readLine(in).strip(), 16)) {
            in.skipNBytes(chunk);
            readLine(in);
        }
        readLine(in);
        return status;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the connection closed in the middle of a response");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    private HttpRequest.Builder post(String path, String json) {
        return request(path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
            .getBytes(StandardCharsets.UTF_8));
    }
}
