package dev.wenku.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.ServiceModule;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * analysis-service is killed with SIGKILL in the middle of a stream of uploads and started again: every document
 * still becomes searchable, once (offsets are committed only after an analysis is published, and the index is
 * keyed and versioned by document).
 */
class AnalysisCrashIT {

    private static final int DOCUMENTS = 120;
    private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");

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

            long total = -1;
            for (long end = System.nanoTime() + Duration.ofSeconds(120).toNanos(); System.nanoTime() < end; ) {
                HttpResponse<String> found = reader.get("/api/search?q=" + URLEncoder.encode(marker, StandardCharsets.UTF_8));
                Matcher m = TOTAL.matcher(found.body());
                total = m.find() ? Long.parseLong(m.group(1)) : -1;
                if (total >= DOCUMENTS) {
                    Thread.sleep(2000);
                    break;
                }
                Thread.sleep(500);
            }
            HttpResponse<String> last = reader.get("/api/search?q=" + URLEncoder.encode(marker, StandardCharsets.UTF_8));
            Matcher m = TOTAL.matcher(last.body());
            assertEquals(DOCUMENTS, m.find() ? Long.parseLong(m.group(1)) : total, "every document searchable, once");
        } finally {
            Directories.deleteRecursively(data);
        }
    }
}
