package dev.wenku.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.SeedLoader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole platform as the one-command run starts it: every hop over the network, real Kafka and Elasticsearch. */
class PlatformEndToEndIT {

    private static final Duration SEARCHABLE_WITHIN = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalPlatform platform;
    private static ProjectLayout layout;
    private static Path data;

    @BeforeAll
    static void startPlatform() throws Exception {
        layout = ProjectLayout.locate();
        data = Files.createTempDirectory("wenku-e2e-");
        platform = LocalPlatform.start(layout, data, LocalPlatform.Ports.ANY_FREE, null);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
        Directories.deleteRecursively(data);
    }

    @Test
    void aDocumentPostedThroughTheGatewayIsFoundThroughTheGatewaysSearch() throws Exception {
        String marker = "端到端" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/documents"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"數字經濟 " + marker + "\",\"body\":\"加快發展數字經濟，"
                + "促進數字經濟和實體經濟深度融合。" + marker + "\",\"tags\":[\"e2e\"]}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(202, upload.statusCode(), upload.body());
        String id = upload.body().replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");

        // Simplified query, Traditional document: found via the analysed Simplified text.
        String found = awaitSearch("数字经济 " + marker, body -> body.contains(id));
        assertTrue(found.contains("\"total\":1"), found);
        assertTrue(found.contains("<em>"), "highlighted: " + found);
    }

    @Test
    void theSeedFileIsLoadedThroughTheGatewayAndFindable() throws Exception {
        List<SeedLoader.Upload> uploads = SeedLoader.loadAll(layout.seeds(), platform.gatewayUrl());
        assertEquals(1, uploads.size());
        assertTrue(uploads.getFirst().accepted(), uploads.toString());

        String found = awaitSearch("新质生产力", body -> body.contains("培育發展新質生產力"));
        assertTrue(found.contains("新质") || found.contains("新質"), found);
    }

    @Test
    void gatewayPassesServiceErrorsThrough() throws Exception {
        HttpResponse<String> empty = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/documents"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"空\",\"body\":\"\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("empty_body"), empty.body());
        assertEquals(400, get("/api/search?q=").statusCode());
    }

    private static String awaitSearch(String q, Predicate<String> accepted) throws Exception {
        String last = "";
        long end = System.nanoTime() + SEARCHABLE_WITHIN.toNanos();
        while (System.nanoTime() < end) {
            HttpResponse<String> response = get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200 && accepted.test(response.body())) {
                return response.body();
            }
            Thread.sleep(300);
        }
        throw new AssertionError("Not searchable within " + SEARCHABLE_WITHIN.toSeconds() + " s: " + q + "; last: " + last);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
