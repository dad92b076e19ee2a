package dev.wenku.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import dev.wenku.infrastructure.launcher.ImportCommand;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.MultipartBody;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.SeedLoader;
import dev.wenku.infrastructure.launcher.ServiceModule;
import dev.wenku.support.testing.ProblemAssertions;
import dev.wenku.testsupport.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The whole platform as the one-command run starts it: every hop over the network, real Kafka and Elasticsearch. */
@OnSharedPlatform(order = 2)
class PlatformEndToEndIT {


    private static LocalPlatform platform;
    private static ProjectLayout layout;
    private static Path data;
    private static GatewayClient editor;
    private static GatewayClient reader;

    @BeforeAll
    static void logIn() throws Exception {
        layout = SharedPlatform.layout();
        data = SharedPlatform.data();
        platform = SharedPlatform.platform();
        editor = GatewayClient.logIn(platform.gatewayUrl(), platform.accounts().editor());
        reader = GatewayClient.anonymous(platform.gatewayUrl());
    }

    /**
     * Issue 18, finding 2, on the running platform: ingest- and search-service, called around the gateway, refuse
     * (401) what the gateway lets through, because only the gateway holds the run's caller token key.
     */
    @Test
    @Tag("security")
    void theServicesRefuseACallAroundTheGateway() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(platform.url(ServiceModule.INGEST)
                + "/api/documents")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"绕过\",\"body\":\"绕过网关的上传。\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(401, upload.statusCode(), upload.body());
        HttpResponse<String> search = http.send(HttpRequest.newBuilder(URI.create(platform.url(ServiceModule.SEARCH)
            + "/api/search?q=x")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, search.statusCode(), search.body());
        assertEquals(200, reader.get("/api/search?q=x").statusCode(), "through the gateway, a reader searches");
    }

    /**
     * Issue 18, finding 3, on the running platform: Kafka lets in only the run's users, and each service's user may
     * do only what {@code config/kafka-acls.txt} grants it: no service but analysis-service can publish analyses into
     * the search index's topic, and search-service cannot read the editors' texts. (That the grants are enough for
     * everything the services do is shown by every other test here, which runs on these users.)
     */
    @Test
    @Tag("security")
    void kafkaLetsInOnlyTheRunsUsersEachWithItsOwnRights() throws Exception {
        String kafka = platform.infrastructure().kafkaBootstrapServers();
        assertNotNull(KafkaRights.listTopics(Map.of("bootstrap.servers", kafka)), "a client without a login is let in");
        Map<String, Object> wrongPassword = new LinkedHashMap<>(platform.kafkaClientSettings(ServiceModule.SEARCH));
        wrongPassword.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"search-service\" password=\"a guess\";");
        assertInstanceOf(SaslAuthenticationException.class, KafkaRights.listTopics(wrongPassword));

        String forged = "{\"type\":\"DocumentAnalyzed\",\"documentId\":\"forged\"}";
        for (ServiceModule service : List.of(ServiceModule.SEARCH, ServiceModule.INGEST)) {
            assertInstanceOf(TopicAuthorizationException.class, KafkaRights.write(
                platform.kafkaClientSettings(service), "wenku.documents.analyzed", "forged", forged), service.module());
        }
        assertInstanceOf(TopicAuthorizationException.class, KafkaRights.write(
            platform.kafkaClientSettings(ServiceModule.ANALYSIS), "wenku.documents.ingested", "forged", forged));
        assertInstanceOf(TopicAuthorizationException.class, KafkaRights.read(
            platform.kafkaClientSettings(ServiceModule.SEARCH), "wenku.documents.ingested"));
        assertNull(KafkaRights.read(platform.kafkaClientSettings(ServiceModule.SEARCH), "wenku.documents.analyzed"),
            "search-service reads the analyses it indexes");

        Path login = data.resolve("kafka/admin.properties");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(login));
        Map<String, Object> developer = new LinkedHashMap<>(Map.of("bootstrap.servers", kafka));
        Properties saved = new Properties();
        try (var reader = Files.newBufferedReader(login)) {
            saved.load(reader);
        }
        saved.forEach((name, value) -> developer.put(name.toString(), value));
        assertNull(KafkaRights.listTopics(developer), "the login the run writes for a developer's tools works");
        assertTrue(Files.readString(data.resolve("kafka/kcat.conf")).contains("sasl.username=wenku-admin"));
    }

    /**
     * Issue 18, finding 8: the run's data, logs, spool and drop folder are its owner's alone. Run as root, the data
     * directory and PostgreSQL's may also be passed through by others (o+x, not listing or reading), because
     * PostgreSQL runs as a user of its own then.
     */
    @Test
    @Tag("security")
    void theRunsDirectoriesAreReadableByItsOwnerOnly() throws Exception {
        for (String directory : List.of("logs", "kafka", "elasticsearch", "drop", "imports")) {
            assertEquals(PosixFilePermissions.fromString("rwx------"),
                Files.getPosixFilePermissions(data.resolve(directory)), "permissions of " + data.resolve(directory));
        }
        for (Path passedThrough : List.of(data, data.resolve("postgres"))) {
            String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(passedThrough));
            assertTrue(permissions.matches("rwx---(---|--x)"), passedThrough + " is " + permissions);
        }
    }

    @Test
    void aDocumentPostedThroughTheGatewayIsFoundThroughTheGatewaysSearch() throws Exception {
        String marker = "端到端" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> upload = editor.postJson("/api/documents",
            "{\"title\":\"數字經濟 " + marker + "\",\"body\":\"加快發展數字經濟，"
                + "促進數字經濟和實體經濟深度融合。" + marker + "\",\"author\":\"陸游\",\"tags\":[\"e2e\"]}");
        assertEquals(202, upload.statusCode(), upload.body());
        String id = idOf(upload.body());

        // Simplified query, Traditional document: found via the analysed Simplified text.
        String found = awaitSearch("数字经济 " + marker, body -> GatewayClient.hitIds(body).contains(id));
        assertEquals(1, JsonPath.<Integer>read(found, "$.total"), found);
        List<String> highlights = JsonPath.read(found, "$.hits[0].highlights");
        assertTrue(highlights.stream().anyMatch(h -> h.contains("<em>")), "highlighted: " + found);
        // The author travels with the document through the pipeline: a field of its own, in either script.
        assertEquals("陸游", JsonPath.read(found, "$.hits[0].author"), found);
        String byAuthor = awaitSearch("作者:陆游 " + marker, body -> GatewayClient.hitIds(body).contains(id));
        assertEquals(List.of(id), GatewayClient.hitIds(byAuthor), byAuthor);
        String otherAuthor = awaitSearch("作者:杜甫 " + marker, body -> body.contains("\"total\""));
        assertEquals(0, JsonPath.<Integer>read(otherAuthor, "$.total"), otherAuthor);
    }

    @Test
    void oneTraceSpansTheUploadAnalysisAndIndexWriteAndEveryServiceLogsIt() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String marker = "追踪" + traceId.substring(0, 8);
        HttpResponse<String> upload = GatewayClient.send(editor.request("/api/documents")
            .header("Content-Type", "application/json")
            .header("traceparent", "00-" + traceId + "-" + traceId.substring(0, 16) + "-01")
            .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"追踪 " + marker + "\",\"body\":\"一条链路，" + marker + "。\"}")));
        assertEquals(202, upload.statusCode(), upload.body());
        String id = idOf(upload.body());
        awaitStatus(id, "INDEXED");
        for (String service : List.of("gateway", "ingest-service", "analysis-service", "search-service")) {
            Path log = data.resolve("logs").resolve(service + ".log");
            String expected = service.equals("gateway") ? "POST /api/documents 202" : id;
            // Log lines reach the file a moment after the work they describe.
            await().alias(service + " logged " + expected + " in trace " + traceId).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Files.readAllLines(log).stream().filter(line -> line.contains(traceId)).toList(),
                    withTrace -> withTrace.stream().anyMatch(line -> line.contains(expected)));
        }
    }

    @Test
    void theSeedLoadsAsFiveCleanEssaysSearchableInSimplifiedAndShownInTraditional() throws Exception {
        List<SeedLoader.Upload> uploads = SeedLoader.loadAll(layout.seeds(), platform.gatewayUrl(), platform.accounts().editor(), null);
        assertEquals(1, uploads.size());
        assertTrue(uploads.getFirst().accepted(), uploads.toString());
        assertEquals(5, uploads.getFirst().documents(), uploads.getFirst().response());

        String found = awaitSearch("新质生产力 心得体会感悟", body -> IntStream.rangeClosed(1, 5)
            .allMatch(n -> titles(body).stream().anyMatch(title -> title.endsWith("心得體會感悟" + n))));
        assertTrue(titles(found).contains("2024學習“新質生產力”心得體會感悟1"), "Traditional titles for display: " + found);
        assertFalse(PINYIN_RESIDUE.matcher(found).find(), "no pinyin annotation left: " + found);
        assertFalse(found.contains("心得體會感悟的內容"), "the preface is not an essay: " + found);
        for (String query : List.of("新质生产力", "新質生產力", "xinzhishengchanli")) {
            String essays = awaitSearch(query, body -> IntStream.rangeClosed(1, 5)
                .allMatch(n -> titles(body).stream().anyMatch(title -> title.endsWith("心得體會感悟" + n))));
            List<String> highlights = JsonPath.read(essays, "$.hits[*].highlights[*]");
            assertTrue(highlights.stream().anyMatch(h -> h.contains("<em>新質生產力</em>")),
                query + " highlights the word in the essays: " + essays);
        }

        String essay = idOf(uploads.getFirst().response());
        awaitStatus(essay, "INDEXED");
        String record = await().alias("the record of " + essay + " with its analysis").atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(300))
            .until(() -> getAsEditor("/api/documents/" + essay).body(),
                body -> GatewayClient.valueAt(body, "$.analysis") instanceof Map);
        List<String> terms = JsonPath.read(record, "$.analysis.keywords[*].term");
        assertTrue(terms.contains("新质生产力"), "the reading view has the analysis: " + record);
        assertFalse(JsonPath.<List<Object>>read(record, "$.analysis.themes").isEmpty(), record);
        HttpResponse<String> themes = get("/api/themes");
        assertEquals(200, themes.statusCode(), themes.body());
        List<Integer> counts = JsonPath.read(themes.body(), "$.themes[*].documents");
        assertTrue(counts.stream().anyMatch(n -> n >= 1), "themes count documents: " + themes.body());
    }

    @Test
    void filesInEveryFormatAndEncodingBecomeSearchable() throws Exception {
        // Upload name → fixture of test-support: Traditional essays in GB18030 and Big5, the Simplified one as docx and PDF.
        Map<String, String> files = new LinkedHashMap<>();
        files.put("essay.gb18030.txt", Fixtures.ESSAY_TRADITIONAL_GB18030);
        files.put("essay.big5.txt", Fixtures.ESSAY_BIG5);
        files.put("essay.docx", Fixtures.ESSAY_DOCX);
        files.put("essay.pdf", Fixtures.ESSAY_PDF);
        for (Map.Entry<String, String> fixture : files.entrySet()) {
            String file = fixture.getKey();
            MultipartBody body = new MultipartBody().file("file", file, Fixtures.bytes(fixture.getValue()));
            HttpResponse<String> upload = GatewayClient.send(editor.request("/api/documents?split=false&source=" + file)
                .header("Content-Type", body.contentType()).POST(body.publisher()));
            assertTrue(upload.statusCode() == 202 || upload.statusCode() == 200, file + ": " + upload.body());
            String id = idOf(upload.body());
            awaitStatus(id, "INDEXED");
            awaitSearch("新质生产力", found -> GatewayClient.hitIds(found).contains(id));
        }
    }

    @Test
    void anEditedDocumentIsSearchedInItsNewVersionAndADeletedOneDisappears() throws Exception {
        String marker = "生命周期" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> upload = editor.postJson("/api/documents",
            "{\"title\":\"初稿 " + marker + "\",\"body\":\"第一版正文，" + marker + "。\"}");
        String id = idOf(upload.body());
        awaitStatus(id, "INDEXED");

        HttpResponse<String> edit = editor.putJson("/api/documents/" + id,
            "{\"title\":\"修订稿 " + marker + "\",\"body\":\"第二版正文，" + marker + "。\"}");
        assertEquals(202, edit.statusCode(), edit.body());
        awaitSearch(marker, body -> titles(body).equals(List.of("修订稿 " + marker)));

        HttpResponse<String> delete = editor.delete("/api/documents/" + id);
        assertEquals(200, delete.statusCode(), delete.body());
        awaitSearch(marker, body -> JsonPath.<Integer>read(body, "$.total") == 0);
    }

    @Test
    void badUploadsGetClearStatusesThroughTheGateway() throws Exception {
        MultipartBody exe = new MultipartBody().file("file", "tool.exe", new byte[] {0x4d, 0x5a, 0, 1});
        ProblemAssertions.assertProblem(post(exe), 415, "unsupported_type");

        byte[] broken = {(byte) 0xe6, (byte) 0x96, (byte) 0xb0, (byte) 0xff, (byte) 0xfe, (byte) 0x80, (byte) 0x81};
        HttpResponse<String> undecodable = post(new MultipartBody().file("file", "broken.txt", broken));
        Object byteOffset = ProblemAssertions.assertProblem(undecodable, 400, "undecodable_text").read("$.byteOffset");
        assertTrue(byteOffset instanceof Integer, "the problem says where the text breaks: " + undecodable.body());
    }

    @Test
    void gatewayPassesServiceErrorsThrough() throws Exception {
        HttpResponse<String> empty = editor.postJson("/api/documents", "{\"title\":\"空\",\"body\":\"\"}");
        ProblemAssertions.assertProblem(empty, 400, "empty_body");
        ProblemAssertions.assertProblem(get("/api/search?q="), 400, "missing_query");
    }

    private static final Pattern PINYIN_RESIDUE = Pattern.compile("[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]");

    /** The titles of the hits of a search answer, in their order. */
    private static List<String> titles(String searchAnswer) {
        return JsonPath.read(searchAnswer, "$.hits[*].title");
    }

    private static String idOf(String uploadAnswer) {
        return GatewayClient.firstId(uploadAnswer);
    }

    private static HttpResponse<String> post(MultipartBody body) throws Exception {
        return editor.postFiles("/api/documents", body);
    }

    @Test
    void theImporterLoadsAFolderOfPoemsUntilSearchableAndAgainStoresNothingTwice() throws Exception {
        Path folder = Files.createTempDirectory(data, "poems-");
        List<String> lines = Fixtures.utf8(Fixtures.POETRY_SLICE).lines()
            .skip(100).limit(60).toList();
        for (int i = 0; i < lines.size(); i++) {
            String title = JsonPath.read(lines.get(i), "$.title");
            String body = JsonPath.read(lines.get(i), "$.body");
            Files.writeString(folder.resolve(String.format("%03d.txt", i)), title + "\n" + body);
        }
        // A folder is sent as a zip of its files: any format and encoding a file upload takes, and what it refuses
        // is named; hidden files stay home.
        Files.write(folder.resolve("gbk.txt"), ("登鹳雀楼\n" + "白日依山尽，黄河入海流。欲穷千里目，更上一层楼。\n".repeat(3))
            .getBytes(Charset.forName("GBK")));
        Files.write(folder.resolve("notes.bin"), new byte[] {0, 1, 2, 3});
        Files.writeString(folder.resolve(".hidden.txt"), "不会发送。");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String first = ImportCommand.run(platform.gatewayUrl(),
            platform.accounts().editor(), folder, "poems", true, new PrintStream(printed, true,
                StandardCharsets.UTF_8));
        String output = printed.toString(StandardCharsets.UTF_8);
        assertTrue(first.contains(" DONE: 62 files"), output);
        assertTrue(output.contains("notes.bin: unsupported_type"), output);
        assertTrue(output.contains("% read") || output.contains("% indexed"), "a progress bar: " + output);
        Matcher counts = Pattern.compile("(\\d+) created, 0 updated, (\\d+) unchanged,"
            + " (\\d+) rejected; (\\d+) searchable").matcher(first);
        assertTrue(counts.find(), first);
        int created = Integer.parseInt(counts.group(1));
        assertTrue(created > 50, first);
        assertEquals(created, Integer.parseInt(counts.group(4)), "everything stored is searchable: " + first);

        String again = ImportCommand.run(platform.gatewayUrl(),
            platform.accounts().editor(), folder, "poems", true, new PrintStream(
                OutputStream.nullOutputStream()));
        assertTrue(again.contains("0 created, 0 updated, " + (created + Integer.parseInt(counts.group(2)))
            + " unchanged"), again);
    }

    private static void awaitStatus(String id, String status) {
        editor.awaitStatus(id, status);
    }

    private static String awaitSearch(String q, Predicate<String> accepted) {
        return reader.awaitSearch(q, accepted);
    }

    private static HttpResponse<String> getAsEditor(String path) throws Exception {
        return editor.get(path);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return reader.get(path);
    }
}
