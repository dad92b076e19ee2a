package dev.wenku.analysis.pipeline;

import static dev.wenku.support.testing.ProblemAssertions.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.wenku.analysis.AnalysisApplication;
import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.DocumentIngested;
import dev.wenku.events.DocumentStatusChanged;
import dev.wenku.events.EventDeserializer;
import dev.wenku.events.EventJson;
import dev.wenku.events.EventSerializer;
import dev.wenku.events.PipelineEvent;
import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.infrastructure.launcher.TestDatabases;
import dev.wenku.support.kafka.BatchLogging;
import dev.wenku.support.testing.TestCallers;
import dev.wenku.testsupport.SeedCorpus;
import dev.wenku.text.Compilation;
import dev.wenku.text.CompilationSplitter;
import dev.wenku.text.SimplifiedScript;
import dev.wenku.text.TextRepair;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@ExtendWith({RealInfrastructureExtension.class, OutputCaptureExtension.class})
@SpringBootTest(classes = AnalysisApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = TestCallers.SECRET_PROPERTY)
class AnalysisPipelineIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> SharedInfrastructure.get().kafkaBootstrapServers());
        String database = TestDatabases.create(SharedInfrastructure.get(), "wenku_analysis");
        TestDatabases.datasource(SharedInfrastructure.get(), database)
            .forEach((name, value) -> registry.add(name, () -> value));
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void aSeedEssayIsAnalysedWithDomainKeywordsThemesSummaryAndPinyin() throws Exception {
        String id = "essay-" + UUID.randomUUID();
        publish(DocumentIngested.of(id, 1, seedEssay(1).title(), seedEssay(1).body(), null, null, Instant.now()));

        DocumentAnalyzed analyzed = awaitRecord(Topics.DOCUMENTS_ANALYZED, id, DocumentAnalyzed.class, a -> true);
        assertEquals("2024学习“新质生产力”心得体会感悟1", analyzed.simplifiedTitle());
        List<String> keywords = analyzed.keywords().stream().map(DocumentAnalyzed.Keyword::term).toList();
        assertTrue(keywords.contains("新质生产力"), keywords.toString());
        assertTrue(keywords.stream().allMatch(k -> k.length() >= 2), keywords.toString());
        assertFalse(keywords.contains("发展"), keywords.toString());
        assertEquals("xinzhishengchanli", analyzed.keywords().stream()
            .filter(k -> k.term().equals("新质生产力")).findFirst().orElseThrow().pinyin());
        assertFalse(analyzed.themes().isEmpty());
        assertNotNull(analyzed.summary());
        assertTrue(analyzed.titlePinyin().contains("xin zhi sheng chan li"), analyzed.titlePinyin());
        assertTrue(analyzed.words().contains("新质生产力") && analyzed.words().contains("科技创新"), analyzed.words().toString());

        DocumentStatusChanged status = awaitRecord(Topics.DOCUMENT_STATUS, id, DocumentStatusChanged.class, s -> true);
        assertEquals(DocumentStatusChanged.Status.ANALYZED, status.status());
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndThePipelineContinues() throws Exception {
        String poison = "poison-" + UUID.randomUUID();
        String id = "after-poison-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<String, byte[]>(config(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DOCUMENTS_INGESTED, 0, poison, "{not json".getBytes())).get();
            producer.send(new ProducerRecord<>(Topics.DOCUMENTS_INGESTED, 0, id, new EventSerializer().serialize("t",
                DocumentIngested.of(id, 1, "标题", "发展新质生产力是推动高质量发展的内在要求。", null, null, Instant.now())))).get();
        }
        byte[] dead = awaitRecord("wenku.documents.ingested.dlt", poison, byte[].class, b -> true);
        assertEquals("{not json", new String(dead));
        awaitRecord(Topics.DOCUMENTS_ANALYZED, id, DocumentAnalyzed.class, a -> true);
    }

    @Test
    void aBatchResumesAtItsFailedRecordSoTheDocumentsBeforeItAreAnalysedOnce() throws Exception {
        String before = "before-poison-" + UUID.randomUUID();
        String poison = "mid-batch-poison-" + UUID.randomUUID();
        String after = "after-mid-batch-poison-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<String, byte[]>(config(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DOCUMENTS_INGESTED, 0, before, new EventSerializer().serialize("t",
                DocumentIngested.of(before, 1, "批次前", "发展新质生产力是推动高质量发展的内在要求。", null, null, Instant.now()))));
            producer.send(new ProducerRecord<>(Topics.DOCUMENTS_INGESTED, 0, poison, "{half".getBytes()));
            producer.send(new ProducerRecord<>(Topics.DOCUMENTS_INGESTED, 0, after, new EventSerializer().serialize("t",
                DocumentIngested.of(after, 1, "批次后", "因地制宜发展新质生产力。", null, null, Instant.now())))).get();
        }
        awaitRecord(Topics.DOCUMENTS_ANALYZED, after, DocumentAnalyzed.class, a -> true);
        awaitRecord("wenku.documents.ingested.dlt", poison, byte[].class, b -> true);
        assertEquals(1, recordsOf(Topics.DOCUMENTS_ANALYZED, before), "analysed once, not again with the retry");
        assertEquals(1, recordsOf(Topics.DOCUMENT_STATUS, before), "reported ANALYZED once");
    }

    @Test
    void analysesAndDeadLettersAreCountedForPrometheus() throws Exception {
        double analyzed = metric("wenku_documents_analyzed_total", "outcome=\"analyzed\"");
        double timed = metric("wenku_analysis_duration_seconds_count", "");
        double dead = metric("wenku_dead_letters_total", "topic=\"wenku.documents.ingested.dlt\"");
        String poison = "counted-poison-" + UUID.randomUUID();
        String id = "counted-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<String, byte[]>(config(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DOCUMENTS_INGESTED, 0, poison, "{broken".getBytes())).get();
            producer.send(new ProducerRecord<>(Topics.DOCUMENTS_INGESTED, 0, id, new EventSerializer().serialize("t",
                DocumentIngested.of(id, 1, "计数", "发展新质生产力是推动高质量发展的内在要求。", null, null, Instant.now())))).get();
        }
        awaitRecord(Topics.DOCUMENTS_ANALYZED, id, DocumentAnalyzed.class, a -> true);
        // The same partition: the poison record was dead-lettered before the document was analysed.
        assertTrue(metric("wenku_documents_analyzed_total", "outcome=\"analyzed\"") >= analyzed + 1);
        assertTrue(metric("wenku_analysis_duration_seconds_count", "") >= timed + 1);
        assertTrue(metric("wenku_dead_letters_total", "topic=\"wenku.documents.ingested.dlt\"") >= dead + 1);
        String all = send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET()).body();
        assertTrue(all.contains("kafka_consumer_fetch_manager_records_consumed"), "Kafka consumer metrics");
        assertTrue(all.contains("kafka_producer_record_send"), "Kafka producer metrics");
    }

    /** The value of a sample of {@code name} whose labels contain {@code label} (0 when there is none yet). */
    private double metric(String name, String label) throws Exception {
        String metrics = send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + "\\{([^}]*)} (\\S+)$").matcher(metrics);
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    @Test
    void aDictionaryChangeAppliesToTheNextAnalysisWithoutARestart() throws Exception {
        String term = "星河" + (char) ('甲' + UUID.randomUUID().hashCode() % 50 + 50) + "算力";
        String body = ("建设" + term + "网络。").repeat(6) + "发展新质生产力需要" + term + "。";
        HttpResponse<String> lexicon = send(HttpRequest.newBuilder(uri("/api/analysis/lexicon")).GET());
        List<String> dictionary = new ArrayList<>(strings(lexicon.body(), "dictionary"));
        dictionary.add(term);
        HttpResponse<String> put = replace("dictionary", String.join("\n", dictionary));
        try {
            assertEquals(200, put.statusCode(), put.body());
            List<String> stored = JsonPath.read(put.body(), "$.dictionary");
            assertTrue(stored.contains(term), put.body());

            String id = "lexicon-" + UUID.randomUUID();
            publish(DocumentIngested.of(id, 1, "算力网络", body, null, null, Instant.now()));
            DocumentAnalyzed analyzed = awaitRecord(Topics.DOCUMENTS_ANALYZED, id, DocumentAnalyzed.class, a -> true);
            // Keywords come in Simplified script, as texts are analysed; the random character may be a Traditional one.
            String keyword = SimplifiedScript.of(term);
            assertTrue(analyzed.keywords().stream().anyMatch(k -> k.term().equals(keyword)),
                keyword + " in " + analyzed.keywords());
        } finally {
            dictionary.remove(term);
            replace("dictionary", String.join("\n", dictionary));
        }
    }

    @Test
    void aBulkBatchIsLoggedInOneLineAndALoneDocumentInItsOwn(CapturedOutput output) throws Exception {
        String prefix = "bulk-" + UUID.randomUUID() + "-";
        int documents = 3 * BatchLogging.PER_DOCUMENT_UP_TO;
        MessageListenerContainer listener = listeners.getListenerContainer("analysis");
        listener.pause();
        try {
            await().alias("the analysis listener paused").atMost(Duration.ofSeconds(30))
                .until(listener::isContainerPaused);
            try (var producer = new KafkaProducer<String, PipelineEvent>(config(), new StringSerializer(),
                    new EventSerializer())) {
                for (int n = 0; n < documents; n++) {
                    producer.send(new ProducerRecord<>(Topics.DOCUMENTS_INGESTED, 0, prefix + n,
                        DocumentIngested.of(prefix + n, 1, "批量" + n, "发展新质生产力是推动高质量发展的内在要求。", null, null,
                            Instant.now())));
                }
                producer.flush();
            }
        } finally {
            listener.resume();
        }
        awaitRecord(Topics.DOCUMENTS_ANALYZED, prefix + (documents - 1), DocumentAnalyzed.class, a -> true);
        String alone = "alone-" + UUID.randomUUID();
        publish(DocumentIngested.of(alone, 1, "单篇", "发展新质生产力是推动高质量发展的内在要求。", null, null, Instant.now()));
        awaitRecord(Topics.DOCUMENTS_ANALYZED, alone, DocumentAnalyzed.class, a -> true);

        await().alias("the lone document's own line").atMost(Duration.ofSeconds(10))
            .until(() -> output.getOut().contains("Analysed document " + alone + " v1"));
        List<String> lines = output.getOut().lines().filter(line -> line.contains(prefix)).toList();
        assertTrue(lines.stream().anyMatch(line -> line.contains("Analysed a batch of")), lines.toString());
        assertTrue(lines.stream().noneMatch(line -> line.contains("Analysed document " + prefix)), lines.toString());
        assertTrue(lines.size() < documents / BatchLogging.PER_DOCUMENT_UP_TO + 1, lines.toString());
    }

    @Test
    void anInvalidTaxonomyIsRefusedWithTheProblemNamed() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/themes"))
            .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"themes\": 3}")));
        DocumentContext problem = assertProblem(response, 400, "invalid_request");
        assertTrue(problem.<String>read("$.detail").contains("\"themes\" array"), "the problem is named: " + response.body());
    }

    @Test
    void themesShowDocumentCountsAndSuggestionsComeFromTheCorpus() throws Exception {
        String id = "themes-" + UUID.randomUUID();
        publish(DocumentIngested.of(id, 1, seedEssay(3).title(), seedEssay(3).body(), null, null, Instant.now()));
        DocumentAnalyzed analyzed = awaitRecord(Topics.DOCUMENTS_ANALYZED, id, DocumentAnalyzed.class, a -> true);
        String theme = analyzed.themes().getFirst().id();

        String themes = send(HttpRequest.newBuilder(uri("/api/themes")).GET()).body();
        List<Integer> counts = JsonPath.read(themes, "$.themes[?(@.id == '" + theme + "')].documents");
        assertEquals(1, counts.size(), themes);
        assertTrue(counts.getFirst() >= 1, "the theme counts the document: " + themes);
        HttpResponse<String> started = send(HttpRequest.newBuilder(uri("/api/themes/suggestions?topics=3"))
            .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(202, started.statusCode(), started.body());
        URI job = uri(started.headers().firstValue("Location").orElseThrow());
        String done = await().alias("the suggestions are computed").atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200)).until(() -> send(HttpRequest.newBuilder(job).GET()).body(),
                body -> !"RUNNING".equals(JsonPath.read(body, "$.state")));
        assertEquals("DONE", JsonPath.read(done, "$.state"), done);
        List<List<String>> terms = JsonPath.read(done, "$.suggestions[*].terms");
        assertEquals(3, terms.size(), done);
        assertEquals(1.0, JsonPath.<Double>read(done, "$.progress"));
        assertEquals(400, send(HttpRequest.newBuilder(uri("/api/themes/suggestions?topics=0"))
            .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
    }

    @Test
    void reanalysisRepublishesEveryDocumentWithTheCurrentStoplist() throws Exception {
        String id = "reanalysis-" + UUID.randomUUID();
        publish(DocumentIngested.of(id, 1, seedEssay(2).title(), seedEssay(2).body(), null, null, Instant.now()));
        DocumentAnalyzed before = awaitRecord(Topics.DOCUMENTS_ANALYZED, id, DocumentAnalyzed.class, a -> true);
        String dropped = before.keywords().stream().map(DocumentAnalyzed.Keyword::term)
            .filter(k -> !k.equals("新质生产力")).findFirst().orElseThrow();

        String stoplist = String.join("\n", strings(send(HttpRequest.newBuilder(uri("/api/analysis/lexicon")).GET()).body(),
            "stoplist"));
        assertEquals(200, replace("stoplist", stoplist + "\n" + dropped).statusCode());
        try {
            reanalyseAndCheck(id, dropped);
        } finally {
            replace("stoplist", stoplist);
        }
    }

    private void reanalyseAndCheck(String id, String dropped) throws Exception {
        HttpResponse<String> started = send(HttpRequest.newBuilder(uri("/api/analysis/reanalysis"))
            .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(202, started.statusCode(), started.body());
        String progress = await().alias("the re-analysis is DONE").atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> send(HttpRequest.newBuilder(uri("/api/analysis/reanalysis")).GET()).body(),
                body -> "DONE".equals(JsonPath.<String>read(body, "$.state")));
        assertEquals("DONE", JsonPath.read(progress, "$.state"), progress);
        DocumentAnalyzed after = awaitRecord(Topics.DOCUMENTS_ANALYZED, id, DocumentAnalyzed.class,
            a -> a.keywords().stream().noneMatch(k -> k.term().equals(dropped)));
        assertEquals(1, after.version(), "re-analysis keeps the version, so search updates in place");
    }

    private static Essay seedEssay(int n) throws Exception {
        Compilation compilation = CompilationSplitter.split(SeedCorpus.text());
        var essay = compilation.essays().get(n - 1);
        return new Essay(TextRepair.repair(essay.title()).text(), TextRepair.repair(essay.body()).text());
    }

    private record Essay(String title, String body) {
    }

    private static void publish(DocumentIngested event) throws Exception {
        try (var producer = new KafkaProducer<String, PipelineEvent>(config(), new StringSerializer(), new EventSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DOCUMENTS_INGESTED, event.documentId(), event)).get();
        }
    }

    /** Reads {@code topic} from its beginning until a record of {@code key} whose value passes {@code accepted}. */
    @SuppressWarnings("unchecked")
    private static <T> T awaitRecord(String topic, String key, Class<T> type, Predicate<T> accepted) {
        Deserializer<T> values = type == byte[].class ? (Deserializer<T>) new ByteArrayDeserializer()
            : (Deserializer<T>) new EventDeserializer<>((Class) type);
        Map<String, Object> config = new java.util.HashMap<>(config());
        config.put("group.id", "it-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            AtomicReference<T> found = new AtomicReference<>();
            await().alias("an acceptable record of " + key + " on " + topic).atMost(Duration.ofSeconds(90))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).pollInSameThread()
                .until(() -> {
                    for (ConsumerRecord<String, T> record : consumer.poll(Duration.ofMillis(500))) {
                        if (found.get() == null && key.equals(record.key()) && record.value() != null
                                && accepted.test(record.value())) {
                            found.set(record.value());
                        }
                    }
                    return found.get() != null;
                });
            return found.get();
        }
    }

    /** How many records of {@code key} the whole topic holds now (read from its start to its current end). */
    private static int recordsOf(String topic, String key) {
        Map<String, Object> config = new java.util.HashMap<>(config());
        config.remove("group.id");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
            int[] count = {0};
            await().alias("the whole of " + topic).atMost(Duration.ofSeconds(30)).pollInSameThread()
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> count[0] += key.equals(r.key()) ? 1 : 0);
                    return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
                });
            return count[0];
        }
    }

    private HttpResponse<String> replace(String part, String lines) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/analysis/lexicon/" + part))
            .header("Content-Type", "text/plain; charset=utf-8").PUT(HttpRequest.BodyPublishers.ofString(lines)));
    }

    private static List<String> strings(String json, String field) {
        List<String> values = new ArrayList<>();
        EventJson.MAPPER.readTree(json).path(field).forEach(node -> values.add(node.asString()));
        return values;
    }

    private static Map<String, Object> config() {
        return Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers());
    }

    /** As the gateway forwards an operator's request. */
    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.header("Authorization", TestCallers.operator()).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
