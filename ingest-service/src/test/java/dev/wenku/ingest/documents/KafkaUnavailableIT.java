package dev.wenku.ingest.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wenku.infrastructure.launcher.FreePorts;
import dev.wenku.ingest.IngestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** No broker listens on the configured address: an upload must get 503, never a 202. */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"wenku.ingest.publish-timeout=3s", "spring.kafka.admin.fail-fast=false",
        "spring.kafka.admin.auto-create=false", "spring.kafka.producer.properties.max.block.ms=1500"})
class KafkaUnavailableIT {

    @DynamicPropertySource
    static void unreachableKafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + FreePorts.next());
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void anUploadIsRefusedWith503WhenKafkaDoesNotAcknowledge() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/documents"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"标题\",\"body\":\"正文\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(503, response.statusCode(), response.body());
        assertEquals("kafka_unavailable", IngestApiIT.field(response.body(), "error"));
    }
}
