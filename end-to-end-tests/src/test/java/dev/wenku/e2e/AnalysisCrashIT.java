package dev.wenku.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.jayway.jsonpath.JsonPath;
import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.ServiceModule;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * analysis-service is killed with SIGKILL in the middle of a stream of uploads and started again: every document
 * still becomes searchable, once (offsets are committed only after an analysis is published, and the index is
 * keyed and versioned by document).
 */
class AnalysisCrashIT {

    private static final int DOCUMENTS = 120;

    @Test
    void noDocumentIsLostWhenAnalysisCrashesMidStream() throws Exception {
        Path data = Files.createTempDirectory("wenku-crash-");
        // One client uploads the whole stream: its write budget is lifted for this test.
        Map<String, String> unlimitedWrites = Map.of("wenku.rate-limit.writes-per-second", "1000",
            "wenku.rate-limit.write-burst", "1000");
        try (LocalPlatform platform = LocalPlatform.start(ProjectLayout.locate(), data, LocalPlatform.Ports.ANY_FREE,
                null, unlimitedWrites)) {
            String gateway = platform.gatewayUrl();
            GatewayClient editor = GatewayClient.logIn(gateway, platform.accounts().editor());
            GatewayClient reader = GatewayClient.anonymous(gateway);
            String marker = "崩溃" + UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < DOCUMENTS; i++) {
                if (i == DOCUMENTS / 3) {
                    platform.kill(ServiceModule.ANALYSIS);
                }
                HttpResponse<String> upload = editor.postJson("/api/documents", "{\"title\":\"第" + i + "篇 " + marker
                    + "\",\"body\":\"发展新质生产力的第" + i + "点体会。" + marker + "\"}");
                assertEquals(202, upload.statusCode(), upload.body());
            }
            platform.restart(ServiceModule.ANALYSIS);

            await().alias("all " + DOCUMENTS + " documents searchable").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> total(reader, marker), total -> total >= DOCUMENTS);
            // Every upload analysed and every analysis indexed: nothing of the stream is still on its way.
            Map<String, Object> kafka = platform.infrastructure().kafkaClientSettings();
            ConsumerGroups.awaitCaughtUp(kafka, "analysis-service", "wenku.documents.ingested", Duration.ofSeconds(60));
            ConsumerGroups.awaitCaughtUp(kafka, "search-service", "wenku.documents.analyzed", Duration.ofSeconds(60));
            refreshIndex(platform.infrastructure().elasticsearchUrl());
            assertEquals(DOCUMENTS, total(reader, marker), "every document searchable, once");
        } finally {
            Directories.deleteRecursively(data);
        }
    }

    /** The number of documents a search for {@code marker} finds. */
    private static long total(GatewayClient reader, String marker) throws Exception {
        HttpResponse<String> found = reader.get("/api/search?q=" + URLEncoder.encode(marker, StandardCharsets.UTF_8));
        assertEquals(200, found.statusCode(), found.body());
        return JsonPath.<Number>read(found.body(), "$.total").longValue();
    }

    /** Makes every write Elasticsearch acknowledged visible to searches now, not at the next periodic refresh. */
    private static void refreshIndex(String elasticsearchUrl) throws Exception {
        HttpResponse<String> refreshed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(elasticsearchUrl + "/wenku-documents/_refresh")).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, refreshed.statusCode(), refreshed.body());
    }
}
