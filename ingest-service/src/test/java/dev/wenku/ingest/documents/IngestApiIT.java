package dev.wenku.ingest.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.events.DocumentIngested;
import dev.wenku.events.EventDeserializer;
import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.ingest.IngestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@ExtendWith(RealInfrastructureExtension.class)
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "wenku.ingest.max-body-size=1KB")
class IngestApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> SharedInfrastructure.get().kafkaBootstrapServers());
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void anAcceptedUploadIsOnKafkaKeyedByItsIdWithPinyinAnnotationsRemoved() throws Exception {
        String marker = UUID.randomUUID().toString();
        HttpResponse<String> response = post("{\"title\":\"新質(zhì)生產力 " + marker + "\",\"body\":\"培育發(fā)展新質生產力\","
            + "\"source\":\"test\",\"tags\":[\"经济\"]}");
        assertEquals(202, response.statusCode(), response.body());
        String id = field(response.body(), "id");
        assertTrue(response.body().contains("\"status\":\"RECEIVED\""), response.body());

        DocumentIngested event = consumeEvent(id);
        assertEquals("新質生產力 " + marker, event.title());
        assertEquals("培育發展新質生產力", event.body());
        assertEquals(List.of("经济"), event.tags());
        assertEquals(1, event.version());
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
        assertEquals(400, response.statusCode());
        assertEquals("empty_body", field(response.body(), "error"));
    }

    @Test
    void aMissingTitleIsA400() throws Exception {
        HttpResponse<String> response = post("{\"body\":\"正文\"}");
        assertEquals(400, response.statusCode());
        assertEquals("missing_title", field(response.body(), "error"));
    }

    @Test
    void aBodyOverTheConfiguredLimitIsA413() throws Exception {
        HttpResponse<String> response = post("{\"title\":\"长\",\"body\":\"" + "字".repeat(400) + "\"}");
        assertEquals(413, response.statusCode());
        assertEquals("body_too_large", field(response.body(), "error"));
        assertTrue(field(response.body(), "detail").contains("1024"));
    }

    @Test
    void malformedJsonIsA400NotA500() throws Exception {
        HttpResponse<String> response = post("{\"title\": \"坏");
        assertEquals(400, response.statusCode());
        assertEquals("malformed_json", field(response.body(), "error"));
    }

    @Test
    void aNonJsonContentTypeIsA415() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri())
            .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString("<a/>")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(415, response.statusCode());
        assertEquals("unsupported_media_type", field(response.body(), "error"));
    }

    private DocumentIngested consumeEvent(String id) {
        Map<String, Object> config = Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers(),
            "group.id", "ingest-it-" + UUID.randomUUID(), "auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new EventDeserializer<>(DocumentIngested.class))) {
            consumer.subscribe(List.of(Topics.DOCUMENTS_INGESTED));
            List<ConsumerRecord<String, DocumentIngested>> seen = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                consumer.poll(Duration.ofSeconds(1)).forEach(seen::add);
                for (ConsumerRecord<String, DocumentIngested> record : seen) {
                    if (record.key().equals(id)) {
                        assertEquals(id, record.value().documentId());
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("No event for " + id + " on " + Topics.DOCUMENTS_INGESTED);
    }

    private HttpResponse<String> post(String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri()).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/api/documents");
    }

    static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), "no " + name + " in " + json);
        assertFalse(m.group(1).isEmpty());
        return m.group(1);
    }
}
