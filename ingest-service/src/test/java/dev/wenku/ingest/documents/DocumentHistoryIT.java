package dev.wenku.ingest.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wenku.ingest.support.IngestClient;
import dev.wenku.ingest.support.IngestClient.Answer;
import dev.wenku.ingest.support.IngestServiceTest;
import dev.wenku.ingest.support.TopicReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The registry as editors use it, on a real PostgreSQL: every version kept with who made it, the uploaded file kept
 * with its versions, a readable diff, restore, and edits that never silently overwrite each other.
 */
@IngestServiceTest
class DocumentHistoryIT {

    @Autowired
    IngestClient client;
    String marker;

    @BeforeEach
    void setUp() {
        marker = UUID.randomUUID().toString().substring(0, 8);
    }

    private String json(String title, String body) {
        return "{\"title\":\"" + title + "\",\"body\":\"" + body + "\",\"author\":\"王编辑\"}";
    }

    @Test
    void everyVersionIsKeptWithItsTextAndWhoMadeItAndTheETagIsTheVersion() throws Exception {
        String id = client.postJson(json("历史", "第一版的正文。" + marker)).text("id");
        Answer first = client.get(id);
        assertThat(first.etag()).isEqualTo("\"v1\"");
        assertThat(first.text("author")).isEqualTo("王编辑");
        assertThat(client.put(id, json("历史（二）", "第二版的正文。" + marker), first.etag()).status()).isEqualTo(202);
        assertThat(client.put(id, json("历史（三）", "第三版的正文。" + marker)).status()).isEqualTo(202);

        Answer versions = client.of(id, "versions");
        assertThat(versions.status()).isEqualTo(200);
        assertThat(versions.body().findValuesAsString("title")).containsExactly("历史（三）", "历史（二）", "历史");
        assertThat(versions.body().get(0).path("createdBy").asString()).isEqualTo("editor");
        assertThat(client.of(id, "versions/1").text("body")).isEqualTo("第一版的正文。" + marker);
        assertThat(client.get(id).etag()).isEqualTo("\"v3\"");
        assertThat(client.of(id, "versions/9").status()).isEqualTo(404);
    }

    @Test
    void aStaleIfMatchIsA412AndNothingIsStored() throws Exception {
        String id = client.postJson(json("并发", "原文。" + marker)).text("id");
        String etag = client.get(id).etag();
        assertThat(client.put(id, json("并发", "甲的修改。" + marker), etag).status()).isEqualTo(202);
        Answer stale = client.put(id, json("并发", "乙的修改。" + marker), etag);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.text("error")).isEqualTo("precondition_failed");
        assertThat(stale.body().path("currentVersion").asInt()).isEqualTo(2);
        assertThat(client.delete(id, etag).status()).isEqualTo(412);
        assertThat(client.of(id, "versions/2").text("body")).isEqualTo("甲的修改。" + marker);
        assertThat(client.get(id).body().path("version").asInt()).isEqualTo(2);
        assertThat(client.put(id, json("并发", "丙的修改。" + marker), "\"3\"").text("error"))
            .isEqualTo("invalid_parameter");
    }

    @Test
    void ofConcurrentEditsMadeFromOneVersionExactlyOneWins() throws Exception {
        String id = client.postJson(json("同时编辑", "原文。" + marker)).text("id");
        String etag = client.get(id).etag();
        ExecutorService editors = Executors.newFixedThreadPool(6);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String body = "编辑者" + i + "的修改。" + marker;
                Callable<Answer> edit = () -> client.put(id, json("同时编辑", body), etag);
                answers.add(editors.submit(edit));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                statuses.add(answer.get().status());
            }
            assertThat(statuses).filteredOn(s -> s == 202).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 412).hasSize(5);
        } finally {
            editors.shutdownNow();
        }
        assertThat(client.of(id, "versions").body().size()).isEqualTo(2);
        assertThat(TopicReader.ingested(id::equals, 2)).extracting(r -> r.value().version()).containsExactly(1L, 2L);
    }

    @Test
    void concurrentEditsWithoutIfMatchEachBecomeTheirOwnVersion() throws Exception {
        String id = client.postJson(json("依次编辑", "原文。" + marker)).text("id");
        ExecutorService editors = Executors.newFixedThreadPool(4);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String body = "无条件修改" + i + "。" + marker;
                answers.add(editors.submit(() -> client.put(id, json("依次编辑", body))));
            }
            for (Future<Answer> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(202);
            }
        } finally {
            editors.shutdownNow();
        }
        JsonNode versions = client.of(id, "versions").body();
        assertThat(versions.findValues("version")).extracting(JsonNode::asInt).containsExactly(5, 4, 3, 2, 1);
    }

    @Test
    void aDiffShowsWhatChangedAndARestoreBringsAnEarlierTextBackAsANewVersion() throws Exception {
        String id = client.postJson(json("修订", "加快发展新质生产力。培育新动能。" + marker)).text("id");
        client.put(id, json("修订", "加快形成新质生产力。培育新动能。" + marker));
        Answer diff = client.of(id, "diff?from=1&to=2");
        assertThat(diff.status()).isEqualTo(200);
        assertThat(diff.body().path("segments").findValuesAsString("op")).containsExactly("equal", "delete", "insert",
            "equal");
        assertThat(diff.body().path("segments").get(1).path("text").asString()).isEqualTo("发展");
        assertThat(diff.body().path("segments").get(2).path("text").asString()).isEqualTo("形成");

        Answer restored = client.restore(id, 1, "\"v2\"");
        assertThat(restored.status()).as(restored.raw()).isEqualTo(202);
        assertThat(restored.body().path("version").asInt()).isEqualTo(3);
        assertThat(client.of(id, "versions/3").text("body")).isEqualTo("加快发展新质生产力。培育新动能。" + marker);
        assertThat(client.of(id, "versions/3").body().path("restoredFrom").asInt()).isEqualTo(1);
        assertThat(client.restore(id, 2, "\"v2\"").status()).as("stale").isEqualTo(412);
        assertThat(client.of(id, "diff").body().path("from").asInt()).as("by default the last change").isEqualTo(2);
    }

    @Test
    void theUploadedFileIsKeptWithTheVersionsItMade() throws Exception {
        byte[] gb18030 = ("档案原件。" + marker).getBytes("GB18030");
        Answer upload = client.postFile("原件.txt", gb18030, null);
        assertThat(upload.status()).isEqualTo(202);
        String id = upload.text("id");
        HttpResponse<byte[]> original = client.original(id, 1);
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(gb18030);
        assertThat(original.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        JsonNode version = client.of(id, "versions").body().get(0);
        assertThat(version.path("upload").path("fileName").asString()).isEqualTo("原件.txt");
        assertThat(version.path("upload").path("size").asLong()).isEqualTo(gb18030.length);

        String jsonId = client.postJson(json("无原件", "以 JSON 上传。" + marker)).text("id");
        assertThat(client.original(jsonId, 1).statusCode()).isEqualTo(404);
        assertThat(new String(client.original(jsonId, 1).body(), StandardCharsets.UTF_8)).contains("not_found");
    }
}
