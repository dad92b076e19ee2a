package dev.wenku.ingest.documents;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentStatusChanged;
import dev.wenku.events.DocumentStatusChanged.Status;
import dev.wenku.events.EventSerializer;
import dev.wenku.events.PipelineEvent;
import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.ingest.IngestApplication;
import dev.wenku.ingest.support.ConsumerGroups;
import dev.wenku.ingest.support.IngestClient;
import dev.wenku.ingest.support.IngestServiceTest;
import dev.wenku.ingest.support.TestDatabase;
import dev.wenku.ingest.support.IngestClient.Answer;
import dev.wenku.ingest.support.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

@IngestServiceTest
class DocumentLifecycleIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    @Value("${spring.datasource.url}")
    String database;

    @Autowired
    IngestClient client;
    String marker;

    @BeforeEach
    void setUp() {
        marker = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anIdenticalReuploadIsUnchangedWithTheSameIdAndPublishedOnce() throws Exception {
        String json = document("重复上传", "同样的内容，" + marker + "。");
        Answer first = client.postJson(json);
        Answer second = client.postJson(json);
        assertEquals(202, first.status(), first.raw());
        assertEquals(200, second.status(), second.raw());
        assertEquals("UNCHANGED", second.text("status"));
        assertEquals(first.text("id"), second.text("id"));
        String id = first.text("id");
        assertEquals(1, TopicReader.ingested(id::equals, 1).size());
    }

    @Test
    void putStoresANewVersionThatTheEventCarries() throws Exception {
        String id = client.postJson(document("第一版", "旧的正文 " + marker)).text("id");
        Answer put = client.put(id, document("第二版", "新的正文 " + marker));
        assertEquals(202, put.status(), put.raw());
        assertEquals(2, put.body().path("version").asInt());

        var events = TopicReader.ingested(id::equals, 2);
        ConsumerRecord<String, dev.wenku.events.DocumentIngested> last = events.getLast();
        assertEquals(2, last.value().version());
        assertEquals("新的正文 " + marker, last.value().body());
        assertEquals(2, client.get(id).body().path("version").asInt());
        assertEquals("第二版", client.get(id).text("title"));
    }

    @Test
    void putOrDeleteOfAnUnknownDocumentIs404() throws Exception {
        assertEquals(404, client.put("nope-" + marker, document("t", "b")).status());
        Answer delete = client.delete("nope-" + marker);
        assertEquals(404, delete.status());
        assertEquals("not_found", delete.text("error"));
        assertEquals(404, client.get("nope-" + marker).status());
    }

    @Test
    void deletePublishesATombstoneAndTheRecordSaysDeleted() throws Exception {
        String id = client.postJson(document("将删除", "要删除的文章 " + marker)).text("id");
        Answer deleted = client.delete(id);
        assertEquals(200, deleted.status(), deleted.raw());
        var events = TopicReader.ingested(id::equals, 2);
        assertNull(events.getLast().value(), "a tombstone follows the document");
        assertEquals("DELETED", client.get(id).text("status"));
        assertEquals(202, client.postJson(document("将删除", "要删除的文章 " + marker)).status(),
            "re-uploading a deleted document brings it back");
        assertEquals(2, client.get(id).body().path("version").asInt());
    }

    @Test
    void pipelineReportsMoveTheStatusForwardOnlyAndSurviveARestart() throws Exception {
        String id = client.postJson(document("状态", "状态跟踪 " + marker)).text("id");
        assertEquals("RECEIVED", client.get(id).text("status"));
        report(id, 1, Status.INDEXED, null);
        RecordMetadata late = report(id, 1, Status.ANALYZED, null);
        awaitStatus(client, id, "INDEXED");
        ConsumerGroups.awaitProcessed("ingest-service-status", late);
        assertEquals("INDEXED", client.get(id).text("status"), "a late ANALYZED report does not move it back");

        String[] arguments = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("--server.port=0", "--wenku.ingest.drop-folder.enabled=false"),
            java.util.Arrays.stream(TestDatabase.arguments(database))).toArray(String[]::new);
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(IngestApplication.class)
                .run(arguments)) {
            int port = Integer.parseInt(restarted.getEnvironment().getProperty("local.server.port"));
            awaitStatus(new IngestClient(port), id, "INDEXED");
        }
    }

    @Test
    void theRecordShowsWhatAnalysisFoundInItsVersion() throws Exception {
        String id = client.postJson(document("分析结果", "关于新质生产力的文章 " + marker)).text("id");
        Instant now = Instant.now();
        DocumentAnalyzed analysis = new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, id, 1, "分析结果", "正文",
            "分析结果", "正文", null, List.of(), List.of(new DocumentAnalyzed.Keyword("新质生产力", 0.9, "xinzhishengchanli")),
            List.of("现代化产业体系"), "关于新质生产力的文章。", List.of(new DocumentAnalyzed.Entity("黑龙江", "PLACE", 1)),
            List.of(new DocumentAnalyzed.Theme("technological-innovation", "科技创新", 0.7)), "fen xi jie guo", now, now);
        try (var producer = new KafkaProducer<String, PipelineEvent>(
                Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers()),
                new StringSerializer(), new EventSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DOCUMENTS_ANALYZED, id, analysis)).get();
        }
        Answer record = await().alias("the record of " + id + " with its analysis").atMost(WAIT).pollInterval(POLL)
            .until(() -> client.get(id), answer -> answer.body().path("analysis").isObject());
        assertEquals("新质生产力", record.body().path("analysis").path("keywords").get(0).path("term").asString(), record.raw());
        assertEquals("科技创新", record.body().path("analysis").path("themes").get(0).path("label").asString());
        assertEquals("关于新质生产力的文章。", record.body().path("analysis").path("summary").asString());
        assertEquals("ANALYZED", record.text("status"), "the analysis is the news that its version is analysed");
    }

    @Test
    void aFailureReportShowsItsReason() throws Exception {
        String id = client.postJson(document("失败", "不能分析 " + marker)).text("id");
        report(id, 1, Status.FAILED, "analysis failed: boom");
        Answer record = awaitStatus(client, id, "FAILED");
        assertEquals("analysis failed: boom", record.text("statusReason"));
    }

    static Answer awaitStatus(IngestClient client, String id, String status) {
        return await().alias("the status of " + id + " becomes " + status).atMost(WAIT).pollInterval(POLL)
            .until(() -> client.get(id), answer -> answer.status() == 200 && status.equals(answer.text("status")));
    }

    private static RecordMetadata report(String id, long version, Status status, String reason) throws Exception {
        try (var producer = new KafkaProducer<String, PipelineEvent>(
                Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers()),
                new StringSerializer(), new EventSerializer())) {
            return producer.send(new ProducerRecord<>(Topics.DOCUMENT_STATUS, id,
                DocumentStatusChanged.of(id, version, status, reason, "test", Instant.now()))).get();
        }
    }

    private static String document(String title, String body) {
        return "{\"title\":\"" + title + "\",\"body\":\"" + body + "\"}";
    }
}
