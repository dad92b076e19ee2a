package dev.wenku.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
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
import java.util.List;
import java.util.function.Predicate;

/** Calls the platform through its gateway as one logged-in account, as the web UI and scripts do. */
final class GatewayClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(300);
    private static final Configuration LENIENT = Configuration.defaultConfiguration()
        .addOptions(Option.SUPPRESS_EXCEPTIONS);

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

    /** Waits until the editors' view of document {@code id} shows pipeline status {@code status}; returns that view. */
    String awaitStatus(String id, String status) {
        return await().alias(id + " shows status " + status).atMost(WAIT).pollInterval(POLL)
            .until(() -> get("/api/documents/" + id), response -> response.statusCode() == 200
                && status.equals(JsonPath.read(response.body(), "$.status")))
            .body();
    }

    /** Searches {@code q} until the answer passes {@code accepted}, and returns that answer. */
    String awaitSearch(String q, Predicate<String> accepted) {
        return await().alias("an answer to " + q + " that passes").atMost(WAIT).pollInterval(POLL)
            .until(() -> get("/api/search?size=100&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)),
                response -> response.statusCode() == 200 && accepted.test(response.body()))
            .body();
    }

    /** The first document's id of an upload answer ({@code {"id": ..., ...}}). */
    static String idOf(HttpResponse<String> upload) {
        assertEquals(202, upload.statusCode(), upload.body());
        return firstId(upload.body());
    }

    /** The first document's id in an upload answer's body. */
    static String firstId(String uploadAnswer) {
        return JsonPath.read(uploadAnswer, "$.id");
    }

    /** The value at {@code path} of a JSON document, or null where there is none (or the text is not JSON). */
    static Object valueAt(String json, String path) {
        try {
            return JsonPath.using(LENIENT).parse(json).read(path);
        } catch (InvalidJsonException | IllegalArgumentException notJson) {
            return null;
        }
    }

    /** The ids of the hits of a search answer, in their order. */
    static List<String> hitIds(String searchAnswer) {
        return JsonPath.read(searchAnswer, "$.hits[*].id");
    }
}
