package dev.wenku.ingest.support;

import dev.wenku.infrastructure.launcher.MultipartBody;
import dev.wenku.support.testing.TestCallers;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP calls to a running ingest-service, as the gateway forwards an editor's: each carries a caller token of the
 * account {@code editor}, or of the one given.
 */
public final class IngestClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String root;
    private final String base;
    private final String caller;

    public IngestClient(int port) {
        this(port, TestCallers.editor());
    }

    /** A client whose requests carry {@code caller} in {@code Authorization} (none when null). */
    public IngestClient(int port, String caller) {
        this.root = "http://127.0.0.1:" + port;
        this.base = root + "/api/documents";
        this.caller = caller;
    }

    public record Answer(int status, JsonNode body, String raw, java.net.http.HttpHeaders headers) {
        public String text(String field) {
            return body.path(field).asString();
        }

        /** The ETag of a document's record, to send back in If-Match. */
        public String etag() {
            return headers.firstValue("ETag").orElse(null);
        }
    }

    public Answer postJson(String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer postText(byte[] text, String query) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + (query == null ? "" : "?" + query)))
            .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(text)));
    }

    public Answer postFile(String fileName, byte[] content, String query) throws Exception {
        MultipartBody body = new MultipartBody().file("file", fileName, content);
        return send(HttpRequest.newBuilder(URI.create(base + (query == null ? "" : "?" + query)))
            .header("Content-Type", body.contentType()).POST(body.publisher()));
    }

    public Answer postBatch(Map<String, byte[]> files) throws Exception {
        MultipartBody body = new MultipartBody();
        files.forEach((name, content) -> body.file("files", name, content));
        return send(HttpRequest.newBuilder(URI.create(base + "/batch"))
            .header("Content-Type", body.contentType()).POST(body.publisher()));
    }

    public Answer put(String id, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "/" + id)).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A PUT that applies only to the version {@code ifMatch} names (an ETag). */
    public Answer put(String id, String json, String ifMatch) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "/" + id)).header("Content-Type", "application/json")
            .header("If-Match", ifMatch).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer delete(String id) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "/" + id)).DELETE());
    }

    public Answer delete(String id, String ifMatch) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "/" + id)).header("If-Match", ifMatch).DELETE());
    }

    /** {@code GET /api/documents/{id}/<path>}, e.g. {@code versions}, {@code diff?from=1&to=2}. */
    public Answer of(String id, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "/" + id + "/" + path)).GET());
    }

    /** {@code POST /api/documents/{id}/versions/{version}/restore}, with If-Match when given. */
    public Answer restore(String id, int version, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/" + id + "/versions/" + version
            + "/restore")).POST(HttpRequest.BodyPublishers.noBody());
        return send(ifMatch == null ? request : request.header("If-Match", ifMatch));
    }

    /** The bytes of {@code GET /api/documents/{id}/versions/{version}/original}. */
    public HttpResponse<byte[]> original(String id, int version) throws Exception {
        return HTTP.send(authorized(HttpRequest.newBuilder(URI.create(base + "/" + id + "/versions/" + version
            + "/original")).GET()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public Answer get(String id) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "/" + id)).GET());
    }

    /** {@code POST /api/imports}: a body of NDJSON (one JSON upload per line). */
    public Answer postImport(byte[] ndjson) throws Exception {
        return postImport(ndjson, "application/x-ndjson", "it.ndjson");
    }

    /** {@code POST /api/imports?name=<name>} with a body of {@code contentType} (NDJSON or a zip). */
    public Answer postImport(byte[] body, String contentType, String name) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(root + "/api/imports?name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8)))
            .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** {@code GET /api/imports/{id}}, or {@code GET /api/imports} for a null id. */
    public Answer importProgress(String id) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(root + "/api/imports" + (id == null ? "" : "/" + id))).GET());
    }

    /** {@code GET /api/documents?<query>}: the editors' list. */
    public Answer list(String query) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + (query == null ? "" : "?" + query))).GET());
    }

    /** The raw answer to a GET of any path of the service, e.g. {@code /actuator/prometheus}. */
    public HttpResponse<String> raw(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(authorized(request).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return caller == null ? request : request.header("Authorization", caller);
    }

    private Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(authorized(request).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), body, response.body(), response.headers());
    }
}
