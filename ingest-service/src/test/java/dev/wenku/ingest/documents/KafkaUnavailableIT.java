package dev.wenku.ingest.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wenku.infrastructure.launcher.FreePorts;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.ingest.support.IngestClient;
import dev.wenku.ingest.support.IngestClient.Answer;
import dev.wenku.ingest.support.IngestServiceTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * No broker listens on the configured address: an upload is still accepted (202), because it is stored with its
 * event in PostgreSQL; the event waits in the outbox, which the operators see as a backlog.
 */
@IngestServiceTest(properties = {"spring.kafka.admin.fail-fast=false", "wenku.kafka.topics.create=false",
    "wenku.ingest.outbox.publish-timeout=2s"})
class KafkaUnavailableIT {

    @DynamicPropertySource
    static void unreachableKafka(DynamicPropertyRegistry registry) {
        String nowhere = "127.0.0.1:" + FreePorts.next();
        registry.add("spring.kafka.bootstrap-servers", () -> nowhere);
    }

    @Autowired
    IngestClient client;

    @Test
    void anUploadIsStoredAndItsEventWaitsInTheOutbox() throws Exception {
        SharedInfrastructure.get();
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
