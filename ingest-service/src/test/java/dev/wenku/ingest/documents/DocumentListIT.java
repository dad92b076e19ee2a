package dev.wenku.ingest.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.ingest.support.IngestClient;
import dev.wenku.ingest.support.IngestClient.Answer;
import dev.wenku.ingest.support.IngestServiceTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@IngestServiceTest
class DocumentListIT {

    @Autowired
    IngestClient client;
    String marker;

    @BeforeEach
    void setUp() {
        marker = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void documentsAreListedNewestFirstByUpdateTimeWithTheirFullRecords() throws Exception {
        String first = upload("列表一");
        String second = upload("列表二");
        String third = upload("列表三");
        assertEquals(202, client.put(first, document("列表一（修订）")).status());

        Answer list = client.list("from=0&size=3");
        assertEquals(200, list.status(), list.raw());
        assertEquals(List.of(first, third, second), ids(list), "the edited document moved to the top: " + list.raw());
        assertTrue(list.body().path("total").asLong() >= 3, list.raw());
        JsonNode top = list.body().path("documents").get(0);
        Answer single = client.get(first);
        assertEquals(single.body(), top, "each entry is the record GET /api/documents/{id} shows");
        assertEquals(2, top.path("version").asInt());
    }

    @Test
    void pagingSkipsAndLimitsAndTheTotalCountsEveryPage() throws Exception {
        String older = upload("分页旧");
        String newer = upload("分页新");
        Answer firstPage = client.list("from=0&size=1");
        Answer secondPage = client.list("from=1&size=1");
        assertEquals(List.of(newer), ids(firstPage), firstPage.raw());
        assertEquals(List.of(older), ids(secondPage), secondPage.raw());
        assertEquals(firstPage.body().path("total").asLong(), secondPage.body().path("total").asLong());
        long total = firstPage.body().path("total").asLong();
        Answer beyond = client.list("from=" + total + "&size=10");
        assertEquals(200, beyond.status());
        assertTrue(ids(beyond).isEmpty(), beyond.raw());
    }

    @Test
    void deletedDocumentsAreListedOnlyWhenAskedFor() throws Exception {
        String kept = upload("保留");
        String deleted = upload("删除");
        assertEquals(200, client.delete(deleted).status());

        List<String> listed = ids(client.list("size=200"));
        assertTrue(listed.contains(kept), listed.toString());
        assertFalse(listed.contains(deleted), listed.toString());

        Answer withDeleted = client.list("size=200&includeDeleted=true");
        assertEquals(deleted, ids(withDeleted).getFirst(), "the deletion is its newest update: " + withDeleted.raw());
        assertEquals("DELETED", withDeleted.body().path("documents").get(0).path("status").asString());
        assertTrue(withDeleted.body().path("total").asLong() > client.list(null).body().path("total").asLong());
    }

    @Test
    void badPagingIsA400WithTheErrorNamed() throws Exception {
        assertError(client.list("size=0"), "size");
        assertError(client.list("size=201"), "size");
        assertError(client.list("from=-1"), "from");
        assertError(client.list("from=abc"), "from");
        assertError(client.list("includeDeleted=perhaps"), "includeDeleted");
        Answer tooDeep = client.list("from=990&size=20");
        assertError(tooDeep, "from");
        assertTrue(tooDeep.raw().contains("at most 1000"), tooDeep.raw());
        assertEquals(200, client.list("from=950&size=50").status());
        assertEquals(200, client.list("size=200").status());
        assertEquals(200, client.list("size=1").status());
    }

    @Test
    void theRequestIdIsEchoedAndAnUnsafeOneReplaced() throws Exception {
        HttpResponse<String> kept = client.raw("/api/documents?size=1", "X-Request-Id", "editor-42." + marker);
        assertEquals("editor-42." + marker, kept.headers().firstValue("X-Request-Id").orElse(null));
        HttpResponse<String> replaced = client.raw("/api/documents?size=1", "X-Request-Id", "bad id!");
        String id = replaced.headers().firstValue("X-Request-Id").orElse("");
        assertTrue(id.matches("[0-9a-f-]{36}"), id);
    }

    @Test
    void uploadsAreCountedByOutcomeForPrometheus() throws Exception {
        double created = counter("created");
        double unchanged = counter("unchanged");
        double deleted = counter("deleted");
        String json = document("计数 " + marker);
        String id = client.postJson(json).text("id");
        client.postJson(json);
        client.delete(id);
        assertEquals(created + 1, counter("created"));
        assertEquals(unchanged + 1, counter("unchanged"));
        assertEquals(deleted + 1, counter("deleted"));
    }

    private double counter(String outcome) throws Exception {
        String metrics = client.raw("/actuator/prometheus").body();
        Matcher m = Pattern.compile("(?m)^wenku_documents_ingested_total\\{[^}]*outcome=\"" + outcome
            + "\"[^}]*} (\\S+)$").matcher(metrics);
        assertTrue(m.find(), "wenku_documents_ingested_total{outcome=\"" + outcome + "\"} in\n" + metrics);
        return Double.parseDouble(m.group(1));
    }

    private String upload(String title) throws Exception {
        Answer answer = client.postJson(document(title));
        assertEquals(202, answer.status(), answer.raw());
        return answer.text("id");
    }

    private String document(String title) {
        return "{\"title\":\"" + title + " " + marker + "\",\"body\":\"" + title + "的正文，" + marker + "。\"}";
    }

    private static List<String> ids(Answer list) {
        List<String> ids = new ArrayList<>();
        list.body().path("documents").forEach(d -> ids.add(d.path("id").asString()));
        return ids;
    }

    private static void assertError(Answer answer, String parameter) {
        assertEquals(400, answer.status(), answer.raw());
        assertEquals("invalid_parameter", answer.text("error"), answer.raw());
        assertEquals(parameter, answer.text("parameter"), answer.raw());
        assertFalse(answer.text("detail").isBlank(), answer.raw());
    }
}
