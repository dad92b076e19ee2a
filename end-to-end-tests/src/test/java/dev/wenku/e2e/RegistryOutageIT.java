package dev.wenku.e2e;

import static dev.wenku.support.testing.ProblemAssertions.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The platform's PostgreSQL (ingest-service's registry, analysis-service's corpus) is killed with SIGKILL in the
 * middle of an import (a client uploading a stream of essays, retrying what is refused, as the importer does) and
 * started again:
 * <ul>
 *   <li>while it is down, uploads answer {@code 503 database_unavailable} with {@code Retry-After} (nothing stored)
 *       and readers keep searching what was indexed;</li>
 *   <li>once it is back the import resumes: every essay ends up stored once (no acknowledged one lost, none
 *       duplicated), searchable once, and the editors' list follows each to {@code INDEXED} (status reports that
 *       arrived meanwhile were retried, not skipped, and so were analyses whose corpus entries could not be
 *       stored).</li>
 * </ul>
 */
class RegistryOutageIT {

    private static final int ESSAYS = 60;
    private static final Duration IMPORT_WAIT = Duration.ofSeconds(120);

    @Test
    void anImportSurvivesTheDatabaseCrashingWhileSearchesGoOn() throws Exception {
        Path data = Files.createTempDirectory("wenku-registry-outage-");
        // One client uploads the whole import: its write budget is lifted for this test.
        Map<String, String> unlimitedWrites = Map.of("wenku.rate-limit.writes-per-second", "1000",
            "wenku.rate-limit.write-burst", "1000");
        try (LocalPlatform platform = LocalPlatform.start(ProjectLayout.locate(), data, LocalPlatform.Ports.ANY_FREE,
                null, unlimitedWrites)) {
            GatewayClient editor = GatewayClient.logIn(platform.gatewayUrl(), platform.accounts().editor());
            GatewayClient reader = GatewayClient.anonymous(platform.gatewayUrl());
            String marker = "停库" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> before = editor.postJson("/api/documents", essay("停库之前", marker));
            assertEquals(202, before.statusCode(), before.body());
            awaitSearchable(reader, marker, 1);

            Import running = new Import(editor, marker, platform::killPostgres);
            CompletableFuture<Void> done = CompletableFuture.runAsync(running);
            await().alias("an upload refused while PostgreSQL is down").atMost(Duration.ofSeconds(90))
                .until(() -> running.lastRefusal() != null || done.isDone());
            done.getNow(null); // an import that ended already failed: this rethrows why
            HttpResponse<String> refused = running.lastRefusal();
            assertProblem(refused, 503, "database_unavailable");
            assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "Retry-After tells clients when");
            HttpResponse<String> found = reader.get(searchPath(marker));
            assertEquals(200, found.statusCode(), found.body());
            List<String> titles = JsonPath.read(found.body(), "$.hits[*].title");
            assertTrue(titles.contains("停库之前 " + marker), "readers keep finding what was indexed before the crash: "
                + titles);

            platform.restartPostgres();
            done.get(IMPORT_WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(ESSAYS, running.ids().size(), "every essay of the import acknowledged, each with its own id");
            awaitSearchable(reader, marker, ESSAYS + 1);
            await().alias("the editors' list: every essay once, all INDEXED").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> listed(editor, marker, "INDEXED"), total -> total == ESSAYS + 1);
            assertEquals(ESSAYS + 1, listed(editor, marker, null), "no essay stored twice");
        } finally {
            Directories.deleteRecursively(data);
        }
    }

    /**
     * Uploads {@value #ESSAYS} essays one after the other, sending each again while it is refused; the database
     * crashes after the first third.
     */
    private static final class Import implements Runnable {

        private final GatewayClient editor;
        private final String marker;
        private final Runnable crash;
        private final Set<String> ids = ConcurrentHashMap.newKeySet();
        private volatile HttpResponse<String> lastRefusal;

        Import(GatewayClient editor, String marker, Runnable crash) {
            this.editor = editor;
            this.marker = marker;
            this.crash = crash;
        }

        @Override
        public void run() {
            for (int i = 0; i < ESSAYS; i++) {
                if (i == ESSAYS / 3) {
                    crash.run();
                }
                String essay = essay("导入第" + i + "篇", marker);
                HttpResponse<String> answer = await().alias("essay " + i + " accepted").atMost(IMPORT_WAIT)
                    .pollInterval(Duration.ofMillis(200)).until(() -> send(essay), this::acknowledged);
                ids.add(JsonPath.read(answer.body(), "$.id"));
            }
        }

        private HttpResponse<String> send(String essay) throws Exception {
            HttpResponse<String> answer = editor.postJson("/api/documents", essay);
            if (answer.statusCode() == 503) {
                lastRefusal = answer;
            }
            return answer;
        }

        /** 202: stored now; 200: already stored (the first attempt committed but its answer was lost). */
        private boolean acknowledged(HttpResponse<String> answer) {
            if (answer.statusCode() != 202 && answer.statusCode() != 200 && answer.statusCode() != 503) {
                throw new AssertionError("Unexpected answer " + answer.statusCode() + ": " + answer.body());
            }
            return answer.statusCode() != 503;
        }

        HttpResponse<String> lastRefusal() {
            return lastRefusal;
        }

        Set<String> ids() {
            return ids;
        }
    }

    private static String essay(String title, String marker) {
        return "{\"title\":\"" + title + " " + marker + "\",\"tags\":[\"" + marker + "\"],\"body\":\"" + title
            + "：发展新质生产力，关键在于科技创新。" + marker + "\"}";
    }

    /** How many documents tagged {@code marker} the editors' list has (with {@code status}, when given). */
    private static int listed(GatewayClient editor, String marker, String status) throws Exception {
        HttpResponse<String> list = editor.get("/api/documents?size=1&tag=" + URLEncoder.encode(marker,
            StandardCharsets.UTF_8) + (status == null ? "" : "&status=" + status));
        assertEquals(200, list.statusCode(), list.body());
        return JsonPath.<Number>read(list.body(), "$.total").intValue();
    }

    private static void awaitSearchable(GatewayClient reader, String marker, int documents) {
        await().alias(documents + " document(s) with " + marker + " searchable").atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> JsonPath.<Number>read(reader.get(searchPath(marker)).body(), "$.total").intValue(),
                total -> total == documents);
    }

    private static String searchPath(String marker) {
        return "/api/search?q=" + URLEncoder.encode(marker, StandardCharsets.UTF_8);
    }
}
