package dev.wenku.search.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.EventSerializer;
import dev.wenku.events.PipelineEvent;
import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.search.SearchApplication;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@ExtendWith(RealInfrastructureExtension.class)
@SpringBootTest(classes = SearchApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SearchApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> SharedInfrastructure.get().kafkaBootstrapServers());
        registry.add("spring.elasticsearch.uris", () -> SharedInfrastructure.get().elasticsearchUrl());
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void anAnalysedDocumentBecomesSearchableWithHighlightsAndKeywords() throws Exception {
        String marker = "甲" + UUID.randomUUID().toString().substring(0, 8);
        publish(analyzed("doc-" + marker, 1, "新質生產力 " + marker,
            "因地制宜发展新质生产力，" + marker + "是推动高质量发展的内在要求。"));
        String body = awaitSearch(marker, r -> r.contains("doc-" + marker));
        assertTrue(body.contains("\"total\":1"), body);
        assertTrue(body.contains("<em>"), body);
        assertTrue(body.contains("\"keywords\":[\"新质生产力\"]"), body);
        assertTrue(body.contains("\"title\":\"新質生產力 " + marker + "\""), "original script is displayed: " + body);
    }

    @Test
    void aTraditionalQueryFindsTheSimplifiedText() throws Exception {
        String marker = "乙" + UUID.randomUUID().toString().substring(0, 8);
        publish(analyzed("trad-" + marker, 1, "标题 " + marker, "数字经济与实体经济深度融合 " + marker));
        awaitSearch(marker, r -> r.contains("trad-" + marker));
        String body = get("/api/search?q=" + enc("數字經濟 " + marker)).body();
        assertTrue(body.contains("trad-" + marker), body);
    }

    @Test
    void anOlderVersionNeverOverwritesANewerOne() throws Exception {
        String marker = "丙" + UUID.randomUUID().toString().substring(0, 8);
        String id = "ver-" + marker;
        publish(analyzed(id, 2, "第二版 " + marker, "新版本正文 " + marker));
        awaitSearch(marker, r -> r.contains("第二版"));
        publish(analyzed(id, 1, "第一版 " + marker, "旧版本正文 " + marker));
        String probe = "probe-" + marker;
        // The probe is published after the old version; once it is searchable the old version was processed too
        // (same key → same partition, and the probe is sent to that partition explicitly below).
        publishAfter(id, analyzed(probe, 1, "探针 " + marker, "探针正文 " + marker));
        String body = awaitSearch(marker, r -> r.contains(probe));
        assertTrue(body.contains("第二版"), body);
        assertTrue(!body.contains("第一版"), body);
    }

    @Test
    void aBlankQueryIsA400() throws Exception {
        HttpResponse<String> response = get("/api/search?q=%20");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("\"error\":\"missing_query\""), response.body());
    }

    @Test
    void badPagingIsA400NotA500() throws Exception {
        assertEquals(400, get("/api/search?q=a&size=1000").statusCode());
        assertEquals(400, get("/api/search?q=a&from=-1").statusCode());
        HttpResponse<String> notANumber = get("/api/search?q=a&from=abc");
        assertEquals(400, notANumber.statusCode());
        assertTrue(notANumber.body().contains("invalid_from"), notANumber.body());
    }

    @Test
    void querySyntaxIsTreatedAsPlainText() throws Exception {
        HttpResponse<String> response = get("/api/search?q=" + enc("{\"match_all\":{}} OR * AND title:("));
        assertEquals(200, response.statusCode(), response.body());
    }

    private static DocumentAnalyzed analyzed(String id, long version, String title, String body) {
        Instant now = Instant.now();
        return new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, id, version, title, body,
            dev.wenku.text.SimplifiedScript.of(title), dev.wenku.text.SimplifiedScript.of(body), "test", List.of(),
            List.of(new DocumentAnalyzed.Keyword("新质生产力", 1.0)), List.of(), null, List.of(), List.of(), null, now, now);
    }

    private static void publish(DocumentAnalyzed event) throws Exception {
        try (var producer = new KafkaProducer<String, PipelineEvent>(
                Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers()),
                new StringSerializer(), new EventSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DOCUMENTS_ANALYZED, event.documentId(), event)).get();
        }
    }

    /** Publishes {@code event} to the partition that holds {@code afterKey}'s records. */
    private static void publishAfter(String afterKey, DocumentAnalyzed event) throws Exception {
        try (var producer = new KafkaProducer<String, PipelineEvent>(
                Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers()),
                new StringSerializer(), new EventSerializer())) {
            int partitions = producer.partitionsFor(Topics.DOCUMENTS_ANALYZED).size();
            // Kafka's default partitioning of keyed records.
            int partition = org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(afterKey.getBytes(StandardCharsets.UTF_8))) % partitions;
            producer.send(new ProducerRecord<>(Topics.DOCUMENTS_ANALYZED, partition, event.documentId(), event)).get();
        }
    }

    private String awaitSearch(String q, Predicate<String> accepted) throws Exception {
        String last = "";
        for (long end = System.nanoTime() + Duration.ofSeconds(40).toNanos(); System.nanoTime() < end; ) {
            HttpResponse<String> response = get("/api/search?q=" + enc(q));
            last = response.body();
            if (response.statusCode() == 200 && accepted.test(last)) {
                return last;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("Search for " + q + " never matched; last answer: " + last);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
