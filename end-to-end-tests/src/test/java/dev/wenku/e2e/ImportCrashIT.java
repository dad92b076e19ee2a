package dev.wenku.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.ServiceModule;
import dev.wenku.testsupport.Fixtures;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A bulk import of the corpus slice (3,119 poems of NDJSON) through the gateway, with analysis-service and
 * ingest-service killed with SIGKILL while the import is being read and its first poems analysed, then started again.
 * The import resumes after its last committed batch: it ends {@code DONE} with every line counted once (created,
 * unchanged or rejected: the slice's poem without lines and the one without a title), no poem stored twice (each in
 * the registry once, at version 1) and every stored poem searchable once.
 */
class ImportCrashIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A batch of the import (wenku.ingest.imports.batch-lines): once it is read, one is committed. */
    private static final int BATCH = 200;

    @Test
    void anImportResumesAfterIngestAndAnalysisAreKilledAndStoresEveryPoemOnce() throws Exception {
        byte[] slice = Fixtures.bytes(Fixtures.POETRY_SLICE);
        List<String> lines = Fixtures.utf8(Fixtures.POETRY_SLICE).lines().toList();
        Path data = Files.createTempDirectory("wenku-import-crash-");
        try (LocalPlatform platform = LocalPlatform.start(ProjectLayout.locate(), data, LocalPlatform.Ports.ANY_FREE,
                null)) {
            GatewayClient editor = GatewayClient.logIn(platform.gatewayUrl(), platform.accounts().editor());
            HttpResponse<String> started = GatewayClient.send(editor.request("/api/imports?name=poems.ndjson")
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(slice)));
            assertEquals(202, started.statusCode(), started.body());
            String id = JsonPath.read(started.body(), "$.id");

            // Analysis cannot get ahead of the lines read: while the import runs, it is in the middle of its poems.
            String before = await().alias("a batch committed and analysed, the import still running").atMost(WAIT)
                .pollInterval(POLL).until(() -> progress(editor, id),
                    p -> read(p) >= BATCH && number(p, "$.analyzed") > 0 || !running(p));
            assertTrue(running(before), "the import was done before the services could be killed: " + before);
            platform.kill(ServiceModule.ANALYSIS);
            platform.kill(ServiceModule.INGEST);
            platform.restart(ServiceModule.INGEST);
            platform.restart(ServiceModule.ANALYSIS);

            String done = await().alias("the import DONE after the restarts").atMost(WAIT).pollInterval(POLL)
                .until(() -> progress(editor, id), p -> !running(p));
            assertEquals("DONE", JsonPath.read(done, "$.state"), done);
            int created = number(done, "$.created");
            assertEquals(lines.size(), number(done, "$.read"), "every line read once: " + done);
            assertEquals(0, number(done, "$.updated"), "no poem stored again as a new version: " + done);
            assertEquals(lines.size(), created + number(done, "$.unchanged") + number(done, "$.rejected"), done);
            assertEquals(List.of("missing_title", "empty_body"), errors(done), "the slice's two poems that are refused");
            await().alias("every stored poem searchable").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> number(progress(editor, id), "$.indexed"), indexed -> indexed == created);
            Map<String, Object> kafka = platform.infrastructure().kafkaClientSettings();
            ConsumerGroups.awaitCaughtUp(kafka, "analysis-service", "wenku.documents.ingested", Duration.ofSeconds(60));
            ConsumerGroups.awaitCaughtUp(kafka, "search-service", "wenku.documents.analyzed", Duration.ofSeconds(60));

            // Counted in PostgreSQL: the editors' list gives an estimate above 1,000 documents.
            assertEquals(created, registered(platform, "status <> 'DELETED'"), "the registry holds each poem once");
            assertEquals(created, registered(platform, "status = 'INDEXED'"), "each of them indexed");
            String elasticsearch = platform.infrastructure().elasticsearchUrl();
            refresh(elasticsearch);
            assertEquals(created, count(elasticsearch, "{\"query\": {\"match_all\": {}}}"), "each poem indexed once");
            assertEquals(0, count(elasticsearch, "{\"query\": {\"range\": {\"version\": {\"gt\": 1}}}}"),
                "no poem stored twice: every one is at version 1");
            String title = JsonPath.read(lines.getFirst(), "$.title");
            assertEquals(1, found(editor, title), "the first poem is found once");
        } finally {
            Directories.deleteRecursively(data);
        }
    }

    private static String progress(GatewayClient editor, String id) throws Exception {
        HttpResponse<String> progress = editor.get("/api/imports/" + id);
        assertEquals(200, progress.statusCode(), progress.body());
        return progress.body();
    }

    private static boolean running(String progress) {
        return "RUNNING".equals(JsonPath.read(progress, "$.state"));
    }

    private static int read(String progress) {
        return number(progress, "$.read");
    }

    private static int number(String json, String path) {
        return JsonPath.<Number>read(json, path).intValue();
    }

    /** The error codes of an import's rejections, in line order. */
    private static List<String> errors(String progress) {
        return JsonPath.read(progress, "$.rejections[*].error");
    }

    /** Documents of the registry (ingest-service's database) that meet {@code condition}. */
    private static int registered(LocalPlatform platform, String condition) throws Exception {
        var infrastructure = platform.infrastructure();
        try (Connection connection = DriverManager.getConnection(infrastructure.postgresJdbcUrl(),
                infrastructure.postgresUsername(), infrastructure.postgresPassword());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from document where " + condition)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** How many search hits have exactly {@code title}. */
    private static int found(GatewayClient reader, String title) throws Exception {
        String answer = reader.awaitSearch(title, body -> true);
        List<String> titles = JsonPath.read(answer, "$.hits[*].title");
        return (int) titles.stream().filter(title::equals).count();
    }

    private static long count(String elasticsearch, String query) throws Exception {
        HttpResponse<String> counted = HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearch
                + "/wenku-documents/_count")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, counted.statusCode(), counted.body());
        return JsonPath.<Number>read(counted.body(), "$.count").longValue();
    }

    /** Makes every write Elasticsearch acknowledged visible to searches now, not at the next periodic refresh. */
    private static void refresh(String elasticsearch) throws Exception {
        HttpResponse<String> refreshed = HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearch
                + "/wenku-documents/_refresh")).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, refreshed.statusCode(), refreshed.body());
    }
}
