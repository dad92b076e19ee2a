package dev.wenku.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.infrastructure.launcher.Credentials;
import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.MultipartBody;
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
import java.util.regex.Pattern;
import java.util.stream.IntStream;
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
    private static String editorAuthorization;

    @BeforeAll
    static void startPlatform() throws Exception {
        layout = ProjectLayout.locate();
        data = Files.createTempDirectory("wenku-e2e-");
        platform = LocalPlatform.start(layout, data, LocalPlatform.Ports.ANY_FREE, null);
        editorAuthorization = "Bearer " + logIn(platform.accounts().editor());
    }

    /** Logs in as the web UI does and returns the session token. */
    private static String logIn(Credentials account) throws Exception {
        HttpResponse<String> session = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/session"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + account.username() + "\",\"password\":\""
                + account.password() + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, session.statusCode(), session.body());
        return session.body().replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1");
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
            .header("Authorization", editorAuthorization).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"數字經濟 " + marker + "\",\"body\":\"加快發展數字經濟，"
                + "促進數字經濟和實體經濟深度融合。" + marker + "\",\"tags\":[\"e2e\"]}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(202, upload.statusCode(), upload.body());
        String id = idOf(upload.body());

        // Simplified query, Traditional document: found via the analysed Simplified text.
        String found = awaitSearch("数字经济 " + marker, body -> body.contains(id));
        assertTrue(found.contains("\"total\":1"), found);
        assertTrue(found.contains("<em>"), "highlighted: " + found);
    }

    @Test
    void oneTraceSpansTheUploadAnalysisAndIndexWriteAndEveryServiceLogsIt() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String marker = "追踪" + traceId.substring(0, 8);
        HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/documents"))
            .header("Authorization", editorAuthorization).header("Content-Type", "application/json")
            .header("traceparent", "00-" + traceId + "-" + traceId.substring(0, 16) + "-01")
            .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"追踪 " + marker + "\",\"body\":\"一条链路，" + marker + "。\"}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, upload.statusCode(), upload.body());
        String id = idOf(upload.body());
        awaitStatus(id, "INDEXED");
        for (String service : List.of("gateway", "ingest-service", "analysis-service", "search-service")) {
            Path log = data.resolve("logs").resolve(service + ".log");
            String withTrace = "";
            for (int i = 0; i < 50 && withTrace.isEmpty(); i++) {
                withTrace = Files.readAllLines(log).stream().filter(line -> line.contains(traceId))
                    .reduce("", (a, b) -> a + b + "\n");
                Thread.sleep(100);
            }
            String expected = service.equals("gateway") ? "POST /api/documents 202" : id;
            assertTrue(withTrace.contains(expected), service + " logged " + expected + " in trace " + traceId + ": "
                + withTrace);
        }
    }

    @Test
    void theSeedLoadsAsFiveCleanEssaysSearchableInSimplifiedAndShownInTraditional() throws Exception {
        List<SeedLoader.Upload> uploads = SeedLoader.loadAll(layout.seeds(), platform.gatewayUrl(), platform.accounts().editor(), null);
        assertEquals(1, uploads.size());
        assertTrue(uploads.getFirst().accepted(), uploads.toString());
        assertEquals(5, uploads.getFirst().documents(), uploads.getFirst().response());

        String found = awaitSearch("新质生产力 心得体会感悟", body -> IntStream.rangeClosed(1, 5)
            .allMatch(n -> body.contains("心得體會感悟" + n + "\"")));
        assertTrue(found.contains("2024學習“新質生產力”心得體會感悟1"), "Traditional titles for display: " + found);
        assertFalse(PINYIN_RESIDUE.matcher(found).find(), "no pinyin annotation left: " + found);
        assertFalse(found.contains("心得體會感悟的內容"), "the preface is not an essay: " + found);

        String essay = idOf(uploads.getFirst().response());
        awaitStatus(essay, "INDEXED");
        String record = getAsEditor("/api/documents/" + essay).body();
        for (int i = 0; i < 100 && !record.contains("\"analysis\":{"); i++) {
            Thread.sleep(300);
            record = getAsEditor("/api/documents/" + essay).body();
        }
        assertTrue(record.contains("\"term\":\"新质生产力\""), "the reading view has the analysis: " + record);
        assertTrue(record.contains("\"themes\":[{"), record);
        HttpResponse<String> themes = get("/api/themes");
        assertEquals(200, themes.statusCode(), themes.body());
        assertTrue(themes.body().matches("(?s).*\"documents\":[1-9].*"), "themes count documents: " + themes.body());
    }

    @Test
    void filesInEveryFormatAndEncodingBecomeSearchable() throws Exception {
        for (String file : List.of("essay.gb18030.txt", "essay.big5.txt", "essay.docx", "essay.pdf")) {
            byte[] content = PlatformEndToEndIT.class.getResourceAsStream("/uploads/" + file).readAllBytes();
            MultipartBody body = new MultipartBody().file("file", file, content);
            HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl()
                    + "/api/documents?split=false&source=" + file))
                .header("Authorization", editorAuthorization).header("Content-Type", body.contentType()).POST(body.publisher()).build(),
                HttpResponse.BodyHandlers.ofString());
            assertTrue(upload.statusCode() == 202 || upload.statusCode() == 200, file + ": " + upload.body());
            String id = idOf(upload.body());
            awaitStatus(id, "INDEXED");
            awaitSearch("新质生产力", found -> found.contains(id));
        }
    }

    @Test
    void anEditedDocumentIsSearchedInItsNewVersionAndADeletedOneDisappears() throws Exception {
        String marker = "生命周期" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/documents"))
            .header("Authorization", editorAuthorization).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"初稿 " + marker + "\",\"body\":\"第一版正文，" + marker + "。\"}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        String id = idOf(upload.body());
        awaitStatus(id, "INDEXED");

        HttpResponse<String> edit = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/documents/" + id))
            .header("Authorization", editorAuthorization).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"title\":\"修订稿 " + marker + "\",\"body\":\"第二版正文，" + marker + "。\"}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, edit.statusCode(), edit.body());
        awaitSearch(marker, body -> body.contains("修订稿") && !body.contains("初稿"));

        HttpResponse<String> delete = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/documents/" + id))
            .header("Authorization", editorAuthorization).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, delete.statusCode(), delete.body());
        awaitSearch(marker, body -> body.contains("\"total\":0"));
    }

    @Test
    void badUploadsGetClearStatusesThroughTheGateway() throws Exception {
        MultipartBody exe = new MultipartBody().file("file", "tool.exe", new byte[] {0x4d, 0x5a, 0, 1});
        HttpResponse<String> unsupported = post(exe);
        assertEquals(415, unsupported.statusCode(), unsupported.body());
        assertTrue(unsupported.body().contains("unsupported_type"));

        byte[] broken = {(byte) 0xe6, (byte) 0x96, (byte) 0xb0, (byte) 0xff, (byte) 0xfe, (byte) 0x80, (byte) 0x81};
        HttpResponse<String> undecodable = post(new MultipartBody().file("file", "broken.txt", broken));
        assertEquals(400, undecodable.statusCode(), undecodable.body());
        assertTrue(undecodable.body().contains("\"byteOffset\""), undecodable.body());
    }

    @Test
    void gatewayPassesServiceErrorsThrough() throws Exception {
        HttpResponse<String> empty = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/documents"))
            .header("Authorization", editorAuthorization).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"空\",\"body\":\"\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("empty_body"), empty.body());
        assertEquals(400, get("/api/search?q=").statusCode());
    }

    private static final Pattern PINYIN_RESIDUE = Pattern.compile("[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]");

    /** The first document's id of an upload answer ({@code {"id": ..., ...}}). */
    private static String idOf(String uploadAnswer) {
        return uploadAnswer.replaceAll("(?s)^\\{\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private static HttpResponse<String> post(MultipartBody body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/documents"))
            .header("Authorization", editorAuthorization).header("Content-Type", body.contentType()).POST(body.publisher()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitStatus(String id, String status) throws Exception {
        String last = "";
        long end = System.nanoTime() + SEARCHABLE_WITHIN.toNanos();
        while (System.nanoTime() < end) {
            HttpResponse<String> response = getAsEditor("/api/documents/" + id);
            last = response.statusCode() + " " + response.body();
            if (response.body().contains("\"status\":\"" + status + "\"")) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError(id + " never reached " + status + "; last: " + last);
    }

    private static String awaitSearch(String q, Predicate<String> accepted) throws Exception {
        String last = "";
        long end = System.nanoTime() + SEARCHABLE_WITHIN.toNanos();
        while (System.nanoTime() < end) {
            HttpResponse<String> response = get("/api/search?size=100&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200 && accepted.test(response.body())) {
                return response.body();
            }
            Thread.sleep(300);
        }
        throw new AssertionError("Not searchable within " + SEARCHABLE_WITHIN.toSeconds() + " s: " + q + "; last: " + last);
    }

    private static HttpResponse<String> getAsEditor(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
            .header("Authorization", editorAuthorization).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
