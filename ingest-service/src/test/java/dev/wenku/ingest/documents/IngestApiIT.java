package dev.wenku.ingest.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import dev.wenku.events.DocumentIngested;
import dev.wenku.ingest.support.IngestClient.Answer;
import dev.wenku.ingest.support.IngestClient;
import dev.wenku.ingest.support.IngestServiceTest;
import dev.wenku.ingest.support.TopicReader;
import dev.wenku.support.testing.ProblemAssertions;
import dev.wenku.support.testing.TestCallers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

@IngestServiceTest(properties = "wenku.ingest.max-body-size=1KB")
class IngestApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    @Test
    void anAcceptedUploadIsOnKafkaKeyedByItsIdWithPinyinAnnotationsRemoved() throws Exception {
        String marker = UUID.randomUUID().toString();
        HttpResponse<String> response = post("{\"title\":\"新質(zhì)生產力 " + marker + "\",\"body\":\"培育發(fā)展新質生產力\","
            + "\"source\":\"test\",\"tags\":[\"经济\"]}");
        assertEquals(202, response.statusCode(), response.body());
        String id = field(response.body(), "id");
        assertEquals("RECEIVED", JsonPath.read(response.body(), "$.status"), response.body());

        DocumentIngested event = consumeEvent(id);
        assertEquals("新質生產力 " + marker, event.title());
        assertEquals("培育發展新質生產力", event.body());
        assertEquals(List.of("经济"), event.tags());
        assertEquals(1, event.version());
    }

    /**
     * Issue 18, finding 2: a direct anonymous POST to ingest-service stored a document. Now only what the gateway
     * forwards is heard: no caller token → 401, a reader's → 403, and neither stores anything.
     */
    @Test
    @Tag("security")
    void anUploadAroundTheGatewayIsRefusedAndStoresNothing() throws Exception {
        String marker = UUID.randomUUID().toString().replace("-", "");
        String json = "{\"title\":\"绕过网关 " + marker + "\",\"body\":\"直接上传 " + marker + "\"}";
        Answer direct = new IngestClient(port, null).postJson(json);
        assertEquals(401, direct.status(), direct.raw());
        assertEquals("unauthenticated", direct.text("error"));
        Answer reader = new IngestClient(port, TestCallers.anonymous()).postJson(json);
        assertEquals(403, reader.status(), reader.raw());
        assertEquals(403, new IngestClient(port, TestCallers.anonymous()).list("size=1").status(), "the editors' list");
        IngestClient editor = new IngestClient(port);
        assertEquals(0, editor.list("q=" + marker).body().path("total").asInt(), "nothing was stored");
        assertEquals(202, editor.postJson(json).status());
        assertEquals(1, editor.list("q=" + marker).body().path("total").asInt());
    }

    @Test
    void theSameUploadTwiceGetsTheSameId() throws Exception {
        String json = "{\"title\":\"重复\",\"body\":\"同样的内容 " + UUID.randomUUID() + "\"}";
        HttpResponse<String> first = post(json);
        HttpResponse<String> second = post(json);
        assertEquals(field(first.body(), "id"), field(second.body(), "id"));
    }

    @Test
    void anEmptyBodyIsA400NamingTheProblem() throws Exception {
        HttpResponse<String> response = post("{\"title\":\"空\",\"body\":\"   \"}");
        assertProblem(response, 400, "empty_body");
    }

    @Test
    void aMissingTitleIsA400() throws Exception {
        HttpResponse<String> response = post("{\"body\":\"正文\"}");
        assertProblem(response, 400, "missing_title");
    }

    @Test
    void aBodyOverTheConfiguredLimitIsA413() throws Exception {
        HttpResponse<String> response = post("{\"title\":\"长\",\"body\":\"" + "字".repeat(400) + "\"}");
        assertProblem(response, 413, "body_too_large");
        assertTrue(field(response.body(), "detail").contains("1024"));
    }

    @Test
    void malformedJsonIsA400NotA500() throws Exception {
        HttpResponse<String> response = post("{\"title\": \"坏");
        assertProblem(response, 400, "malformed_json");
    }

    @Test
    void aNonJsonContentTypeIsA415() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri())
            .header("Authorization", TestCallers.editor()).header("Content-Type", "application/xml")
            .POST(HttpRequest.BodyPublishers.ofString("<a/>")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertProblem(response, 415, "unsupported_media_type");
    }

    private static DocumentIngested consumeEvent(String id) {
        ConsumerRecord<String, DocumentIngested> record = TopicReader.ingested(id::equals, 1).getFirst();
        assertEquals(id, record.value().documentId());
        return record.value();
    }

    /** A problem document of the catalogue about the path it answers. */
    private static void assertProblem(HttpResponse<String> response, int status, String error) {
        assertEquals("/api/documents", ProblemAssertions.assertProblem(response, status, error).read("$.instance"),
            response.body());
    }

    private HttpResponse<String> post(String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri()).header("Authorization", TestCallers.editor())
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/api/documents");
    }

    /** A string member of a JSON object, which must be there and not be empty. */
    static String field(String json, String name) {
        String value = JsonPath.read(json, "$." + name);
        assertFalse(value == null || value.isEmpty(), "no " + name + " in " + json);
        return value;
    }
}
