package dev.wenku.ingest.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wenku.infrastructure.launcher.FreePorts;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.ingest.IngestApplication;
import dev.wenku.ingest.support.IngestClient;
import dev.wenku.ingest.support.IngestClient.Answer;
import dev.wenku.ingest.support.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * No broker listens on the configured address: an upload is still accepted (202), because it is stored with its
 * event in PostgreSQL; the event waits in the outbox, which the operators see as a backlog.
 */
@ExtendWith(RealInfrastructureExtension.class)
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.kafka.admin.fail-fast=false", "spring.kafka.admin.auto-create=false",
        "wenku.ingest.drop-folder.enabled=false", "wenku.ingest.outbox.publish-timeout=2s"})
class KafkaUnavailableIT {

    @DynamicPropertySource
    static void unreachableKafka(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        String nowhere = "127.0.0.1:" + FreePorts.next();
        registry.add("spring.kafka.bootstrap-servers", () -> nowhere);
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void anUploadIsStoredAndItsEventWaitsInTheOutbox() throws Exception {
        SharedInfrastructure.get();
        IngestClient client = new IngestClient(port);
        Answer upload = client.postJson("{\"title\":\"无消息系统\",\"body\":\"消息系统不在时，上传仍被保存。\"}");
        assertThat(upload.status()).as(upload.raw()).isEqualTo(202);
        Answer record = client.get(upload.text("id"));
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.text("status")).isEqualTo("RECEIVED");
        await().alias("the outbox backlog as a metric").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(client.raw("/actuator/prometheus").body())
                .containsPattern("(?m)^wenku_outbox_backlog_events(\\{[^}]*\\})? [1-9]"));
    }
}
