package dev.wenku.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wenku.infrastructure.launcher.Credentials;
import dev.wenku.infrastructure.launcher.GatewaySession;
import dev.wenku.infrastructure.launcher.MultipartBody;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/** Calls the platform through its gateway as one logged-in account, as the web UI and scripts do. */
final class GatewayClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String gateway;
    private final String authorization;

    private GatewayClient(String gateway, String authorization) {
        this.gateway = gateway;
        this.authorization = authorization;
    }

    /** A reader who has not logged in. */
    static GatewayClient anonymous(String gateway) {
        return new GatewayClient(gateway, null);
    }

    /** Logs {@code account} in with {@code POST /api/session}, as the web UI does. */
    static GatewayClient logIn(String gateway, Credentials account) throws Exception {
        return new GatewayClient(gateway, GatewaySession.logIn(gateway, account));
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET());
    }

    HttpResponse<String> postJson(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A request of any method, without a body. */
    HttpResponse<String> send(String method, String path) throws Exception {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> post(String path) throws Exception {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> putJson(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> postFiles(String path, MultipartBody body) throws Exception {
        return send(request(path).header("Content-Type", body.contentType()).POST(body.publisher()));
    }

    HttpResponse<String> delete(String path) throws Exception {
        return send(request(path).DELETE());
    }

    /** A request of this account to {@code path}, for callers that add headers of their own. */
    HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30));
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the editors' view of document {@code id} shows pipeline status {@code status}. */
    void awaitStatus(String id, String status) throws Exception {
        String last = "";
        for (long end = System.nanoTime() + WAIT.toNanos(); System.nanoTime() < end; Thread.sleep(300)) {
            HttpResponse<String> response = get("/api/documents/" + id);
            last = response.statusCode() + " " + response.body();
            if (response.body().contains("\"status\":\"" + status + "\"")) {
                return;
            }
        }
        throw new AssertionError(id + " never reached " + status + " within " + WAIT + "; last: " + last);
    }

    /** Searches {@code q} until the answer passes {@code accepted}, and returns that answer. */
    String awaitSearch(String q, Predicate<String> accepted) throws Exception {
        String last = "";
        for (long end = System.nanoTime() + WAIT.toNanos(); System.nanoTime() < end; Thread.sleep(300)) {
            HttpResponse<String> response = get("/api/search?size=100&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200 && accepted.test(response.body())) {
                return response.body();
            }
        }
        throw new AssertionError("no answer to " + q + " passed within " + WAIT + "; last: " + last);
    }

    /** The first document's id of an upload answer ({@code {"id": ..., ...}}). */
    static String idOf(HttpResponse<String> upload) {
        assertEquals(202, upload.statusCode(), upload.body());
        return firstId(upload.body());
    }

    /** The first document's id in an upload answer's body. */
    static String firstId(String uploadAnswer) {
        return uploadAnswer.replaceAll("(?s)^\\{\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }
}
