package dev.wenku.search.query;

import org.springframework.kafka.support.KafkaHeaders;
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
    void facetsCountThemesAndAFacetFilterNarrowsTheResults() throws Exception {
        String marker = "丁" + UUID.randomUUID().toString().substring(0, 8);
        publish(analyzed("green-" + marker, 1, "绿色 " + marker, "绿色发展 " + marker, "green-development", "四川"));
        publish(analyzed("talent-" + marker, 1, "人才 " + marker, "人才强国 " + marker, "talent", "成都"));
        String both = awaitSearch(marker, r -> r.contains("green-" + marker) && r.contains("talent-" + marker));
        assertTrue(both.contains("{\"value\":\"green-development\",\"count\":1}"), both);
        assertTrue(both.contains("{\"value\":\"四川\",\"count\":1}"), both);
        String green = get("/api/search?q=" + enc(marker) + "&theme=green-development").body();
        assertTrue(green.contains("green-" + marker) && !green.contains("talent-" + marker), green);
        String place = get("/api/search?q=" + enc(marker) + "&entity=" + enc("成都")).body();
        assertTrue(place.contains("talent-" + marker) && !place.contains("green-" + marker), place);
        assertEquals(200, get("/api/search?q=" + enc(marker) + "&sort=date").statusCode());
        assertEquals(400, get("/api/search?q=" + enc(marker) + "&sort=random").statusCode());
    }

    @Test
    void aDocumentThatAnalysisSegmentedTheQueryWordInRanksAboveOneThatOnlySharesItsCharacters() throws Exception {
        String marker = "丑" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        // Both texts are 算力的网络; only the first was segmented into the word 算力网络.
        publish(new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, "words-" + marker, 1, "词 " + marker,
            "算力的网络 " + marker, "词 " + marker, "算力的网络 " + marker, null, List.of(), List.of(), List.of(), null,
            List.of(), List.of(), null, List.of("算力网络"), now, now));
        publish(analyzed("nowords-" + marker, 1, "无词 " + marker, "算力的网络 " + marker));
        awaitSearch(marker, r -> r.contains("words-" + marker) && r.contains("nowords-" + marker));
        String found = get("/api/search?q=" + enc("算力网络 " + marker)).body();
        assertTrue(found.indexOf("\"words-" + marker) < found.indexOf("nowords-" + marker), found);
    }

    @Test
    void pinyinAndInitialsOfAKeywordFindTheDocument() throws Exception {
        String marker = "戊" + UUID.randomUUID().toString().substring(0, 8);
        publish(analyzed("pinyin-" + marker, 1, "拼音 " + marker, "正文 " + marker));
        awaitSearch(marker, r -> r.contains("pinyin-" + marker));
        assertTrue(get("/api/search?q=" + enc("xinzhishengchanli " + marker)).body().contains("pinyin-" + marker));
        assertTrue(get("/api/search?q=" + enc("xzscl " + marker)).body().contains("pinyin-" + marker));
        assertTrue(get("/api/search?q=" + enc("pinyin " + marker)).body().contains("\"total\":0"),
            "an unrelated latin word does not match");
    }

    @Test
    void aPinyinQueryHighlightsTheWordItSpellsAndFindsTextsThatOnlyContainIt() throws Exception {
        String marker = "庚" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        publish(analyzed("spelled-" + marker, 1, "拼写 " + marker, "加快發展新質生產力。" + marker));
        String textOnly = "形成新质生产力。" + marker;
        publish(new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, "text-only-" + marker, 1, "正文 " + marker,
            textOnly, "正文 " + marker, textOnly, null, List.of(), List.of(), List.of(), null, List.of(), List.of(),
            null, List.of(), now, now));
        awaitSearch(marker, r -> r.contains("spelled-" + marker) && r.contains("text-only-" + marker));
        for (String pinyin : List.of("xinzhishengchanli", "xzscl")) {
            String found = get("/api/search?q=" + enc(pinyin + " " + marker)).body();
            assertTrue(found.contains("<em>新質生產力</em>"), pinyin + " highlights the Traditional text: " + found);
            assertTrue(found.contains("<em>新质生产力</em>"), pinyin + " highlights the Simplified text: " + found);
            assertTrue(found.contains("text-only-" + marker), pinyin + " finds the text without the keyword: " + found);
        }
    }

    @Test
    void phrasesAlternativesAndExclusionsWork() throws Exception {
        String marker = "己" + UUID.randomUUID().toString().substring(0, 8);
        publish(analyzed("north-" + marker, 1, "东北 " + marker, "推动东北全面振兴 " + marker));
        publish(analyzed("west-" + marker, 1, "西部 " + marker, "西部大开发形成新格局 " + marker));
        awaitSearch(marker, r -> r.contains("north-" + marker) && r.contains("west-" + marker));
        String either = get("/api/search?q=" + enc(marker + " 振兴 OR 格局")).body();
        assertTrue(either.contains("north-" + marker) && either.contains("west-" + marker), either);
        String notWest = get("/api/search?q=" + enc(marker + " -西部")).body();
        assertTrue(notWest.contains("north-" + marker) && !notWest.contains("west-" + marker), notWest);
        String phrase = get("/api/search?q=" + enc(marker + " \"全面振兴\"")).body();
        assertTrue(phrase.contains("north-" + marker) && !phrase.contains("west-" + marker), phrase);
        HttpResponse<String> unclosed = get("/api/search?q=" + enc("\"全面振兴"));
        assertEquals(400, unclosed.statusCode());
        assertTrue(unclosed.body().contains("malformed_query"), unclosed.body());
    }

    @Test
    void highlightsAreShownInTheOriginalTraditionalText() throws Exception {
        String marker = "庚" + UUID.randomUUID().toString().substring(0, 8);
        publish(analyzed("trad-hl-" + marker, 1, "新質生產力 " + marker, "因地制宜發展新質生產力，" + marker + "。"));
        String body = awaitSearch("新质生产力 " + marker, r -> r.contains("trad-hl-" + marker));
        assertTrue(body.contains("<em>新質</em>") || body.contains("<em>新質生產力</em>"), body);
        assertTrue(body.contains("發展"), "the fragment is in the original script: " + body);
    }

    @Test
    void aTraditionalDocumentIsShownInSimplifiedScriptWhenTheReaderAsksForIt() throws Exception {
        String marker = "简" + UUID.randomUUID().toString().substring(0, 8);
        publish(analyzed("to-simplified-" + marker, 1, "新質生產力 " + marker, "因地制宜發展新質生產力，隨著" + marker + "。"));
        awaitSearch(marker, r -> r.contains("to-simplified-" + marker));

        String simplified = get("/api/search?script=simplified&q=" + enc("新质生产力 " + marker)).body();
        assertTrue(simplified.contains("\"title\":\"新质生产力 " + marker + "\""), simplified);
        assertTrue(simplified.contains("<em>新质") && simplified.contains("发展") && simplified.contains("随着"),
            "the highlight is Simplified, its tags in place: " + simplified);
        assertTrue(!simplified.contains("發展") && !simplified.contains("新質"), simplified);
        String original = get("/api/search?q=" + enc("新质生产力 " + marker)).body();
        assertTrue(original.contains("\"title\":\"新質生產力 " + marker + "\""), "original is the default: " + original);

        String reading = get("/api/documents/to-simplified-" + marker + "/reading?script=simplified").body();
        assertTrue(reading.contains("\"body\":\"因地制宜发展新质生产力，随着" + marker + "。\""), reading);
    }

    @Test
    void aSimplifiedDocumentIsShownInTraditionalScriptWhenTheReaderAsksForIt() throws Exception {
        String marker = "繁" + UUID.randomUUID().toString().substring(0, 8);
        publish(analyzed("to-traditional-" + marker, 1, "数字经济 " + marker, "发展数字经济，" + marker + "是“关键”。"));
        awaitSearch(marker, r -> r.contains("to-traditional-" + marker));

        String traditional = get("/api/search?script=traditional&q=" + enc("数字经济 " + marker)).body();
        assertTrue(traditional.contains("\"title\":\"數字經濟 " + marker + "\""), traditional);
        assertTrue(traditional.contains("發展<em>數字") || traditional.contains("發展<em>數字經濟</em>"), traditional);
        assertTrue(traditional.contains("\"keywords\":[\"新質生產力\"]") && traditional.contains("\"summary\":\"摘要。\""),
            traditional);
        assertTrue(traditional.contains("{\"value\":\"黑龍江\",\"count\":1}"), "entity facets too: " + traditional);

        String reading = get("/api/documents/to-traditional-" + marker + "/reading?script=traditional").body();
        assertTrue(reading.contains("\"body\":\"發展數字經濟，" + marker + "是“關鍵”。\""), "quotes are kept: " + reading);
        assertTrue(reading.contains("\"keyPhrases\":[\"現代化產業體系\"]") && reading.contains("\"name\":\"黑龍江\""), reading);
    }

    @Test
    void anUnknownScriptIsA400() throws Exception {
        for (String path : List.of("/api/search?q=a&script=klingon", "/api/documents/x/reading?script=pinyin",
                "/api/documents/x/related?script=cyrillic")) {
            HttpResponse<String> response = get(path);
            assertEquals(400, response.statusCode(), path + " " + response.body());
            assertTrue(response.body().contains("\"parameter\":\"script\""), response.body());
        }
    }

    @Test
    void indexingIsMeasuredForPrometheusWithFreshnessAndKafkaClientMetrics() throws Exception {
        String marker = "量" + UUID.randomUUID().toString().substring(0, 8);
        publish(analyzed("metered-" + marker, 1, "度量 " + marker, "度量的文章 " + marker));
        awaitSearch(marker, r -> r.contains("metered-" + marker));

        String metrics = get("/actuator/prometheus").body();
        assertTrue(sample(metrics, "wenku_pipeline_freshness_seconds_count", "") >= 1, metrics);
        assertTrue(sample(metrics, "wenku_pipeline_freshness_seconds_bucket", "le=\"+Inf\"") >= 1, metrics);
        assertTrue(sample(metrics, "wenku_documents_indexed_total", "outcome=\"indexed\"") >= 1, metrics);
        assertTrue(sample(metrics, "wenku_indexing_bulk_size_documents_count", "") >= 1, metrics);
        assertTrue(metrics.contains("kafka_consumer_fetch_manager_records_lag"), "Kafka consumer metrics: " + metrics);
    }

    @Test
    void theRequestIdIsEchoed() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/search?q=x")).header("X-Request-Id", "reader-7").GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals("reader-7", response.headers().firstValue("X-Request-Id").orElse(null));
    }

    /** The value of the first sample of {@code name} whose labels contain {@code label}; -1 if there is none. */
    private static double sample(String metrics, String name, String label) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$")
            .matcher(metrics);
        while (m.find()) {
            if (m.group(1) == null ? label.isEmpty() : m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return -1;
    }

    @Test
    void suggestionsCompleteCharactersAndPinyinAndRelatedDocumentsAreOthers() throws Exception {
        String marker = "辛" + UUID.randomUUID().toString().substring(0, 6);
        publish(analyzed("sugg-a-" + marker, 1, marker + "数字经济", "数字经济与实体经济深度融合，建设现代化产业体系。"));
        publish(analyzed("sugg-b-" + marker, 1, marker + "数字中国", "数字经济与实体经济深度融合，数字中国建设。"));
        awaitSearch(marker, r -> r.contains("sugg-a-" + marker) && r.contains("sugg-b-" + marker));
        String byCharacters = get("/api/search/suggest?q=" + enc(marker + "数字")).body();
        assertTrue(byCharacters.contains(marker + "数字经济") && byCharacters.contains(marker + "数字中国"), byCharacters);
        assertTrue(get("/api/search/suggest?q=xinzhi").body().contains("xinzhishengchanli"));
        assertEquals(400, get("/api/search/suggest?q=").statusCode());

        String related = get("/api/documents/sugg-a-" + marker + "/related").body();
        assertTrue(related.contains("sugg-b-" + marker), related);
        String others = related.substring(related.indexOf("\"related\""));
        assertTrue(!others.contains("sugg-a-" + marker), "not itself: " + related);
        assertTrue(others.contains("\"keywords\":[\"新质生产力\"]") && others.contains("\"summary\":\"摘要。\""),
            "related documents come with their keywords and summary: " + related);
    }

    @Test
    void theReadingViewHasTheOriginalTextAndTheAnalysis() throws Exception {
        String marker = "壬" + UUID.randomUUID().toString().substring(0, 8);
        publish(analyzed("read-" + marker, 1, "閱讀 " + marker, "全文在這裡 " + marker));
        awaitSearch(marker, r -> r.contains("read-" + marker));
        String reading = get("/api/documents/read-" + marker + "/reading").body();
        assertTrue(reading.contains("\"body\":\"全文在這裡 " + marker + "\""), reading);
        assertTrue(reading.contains("\"summary\":\"摘要。\"") && reading.contains("\"themes\":[{"), reading);
        assertEquals(404, get("/api/documents/nothing-" + marker + "/reading").statusCode());
    }

    @Test
    void aDocumentElasticsearchRefusesIsReportedFailedAndDeadLetteredWhileTheBatchGoesOn() throws Exception {
        String marker = "子" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        DocumentAnalyzed immense = new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, "immense-" + marker, 1, "大",
            "正文", "大", "正文", null, List.of(), List.of(new DocumentAnalyzed.Keyword("字".repeat(12_000), 1.0)),
            List.of(), null, List.of(), List.of(), null, now, now);
        publish(immense);
        publish(analyzed("fine-" + marker, 1, "正常 " + marker, "正常的文章 " + marker));
        try (var producer = new KafkaProducer<String, byte[]>(
                Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers()),
                new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DOCUMENTS_ANALYZED, "garbage-" + marker, "{oops".getBytes())).get();
        }
        awaitSearch(marker, r -> r.contains("fine-" + marker));
        List<String> dead = deadLetterKeys("immense-" + marker, "garbage-" + marker);
        assertEquals(List.of("garbage-" + marker, "immense-" + marker), dead.stream().sorted().toList());
        assertTrue(statusOf("immense-" + marker).contains("FAILED"));
        String metrics = get("/actuator/prometheus").body();
        assertTrue(sample(metrics, "wenku_documents_indexed_total", "outcome=\"refused\"") >= 1, metrics);
        assertTrue(sample(metrics, "wenku_dead_letters_total", "topic=\"wenku.documents.analyzed.dlt\"") >= 2, metrics);
    }

    private static List<String> deadLetterKeys(String... expected) {
        List<String> keys = new java.util.ArrayList<>();
        Map<String, Object> config = Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers(),
            "group.id", "dlt-" + UUID.randomUUID(), "auto.offset.reset", "earliest");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(config,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of("wenku.documents.analyzed.dlt"));
            for (int i = 0; i < 30 && keys.size() < expected.length; i++) {
                consumer.poll(Duration.ofSeconds(1)).forEach(r -> {
                    if (List.of(expected).contains(r.key())
                        && r.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE) != null) {
                        keys.add(r.key());
                    }
                });
            }
        }
        return keys;
    }

    private static String statusOf(String id) {
        Map<String, Object> config = Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers(),
            "group.id", "status-" + UUID.randomUUID(), "auto.offset.reset", "earliest");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(config,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of(Topics.DOCUMENT_STATUS));
            for (int i = 0; i < 30; i++) {
                for (var record : consumer.poll(Duration.ofSeconds(1))) {
                    if (id.equals(record.key())) {
                        return record.value();
                    }
                }
            }
        }
        return "";
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
        assertTrue(notANumber.body().contains("\"parameter\":\"from\""), notANumber.body());
    }

    @Test
    void querySyntaxIsTreatedAsPlainText() throws Exception {
        HttpResponse<String> response = get("/api/search?q=" + enc("{\"match_all\":{}} OR * AND title:("));
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void whileOperatorsPauseIndexingEventsWaitInKafkaAndAreIndexedOnResume() throws Exception {
        String marker = "暂停" + UUID.randomUUID().toString().substring(0, 8);
        try {
            assertTrue(post("/api/search/indexing/pause").body().contains("\"paused\":true"));
            for (long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                 !get("/api/search/indexing").body().contains("\"consumersIdle\":true"); ) {
                assertTrue(System.nanoTime() < end, "the pause took effect");
                Thread.sleep(100);
            }
            publish(analyzed("paused-" + marker, 1, "暂停 " + marker, "暂停期间发布的文章 " + marker));
            Thread.sleep(3000);
            assertTrue(get("/api/search?q=" + enc(marker)).body().contains("\"total\":0"), "not indexed while paused");
        } finally {
            assertTrue(post("/api/search/indexing/resume").body().contains("\"paused\":false"));
        }
        awaitSearch(marker, r -> r.contains("paused-" + marker));
    }

    private static DocumentAnalyzed analyzed(String id, long version, String title, String body) {
        return analyzed(id, version, title, body, "technological-innovation", "黑龙江");
    }

    private static DocumentAnalyzed analyzed(String id, long version, String title, String body, String theme,
                                             String entity) {
        Instant now = Instant.now();
        return new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, id, version, title, body,
            dev.wenku.text.SimplifiedScript.of(title), dev.wenku.text.SimplifiedScript.of(body), "test", List.of(),
            List.of(new DocumentAnalyzed.Keyword("新质生产力", 1.0, "xinzhishengchanli")), List.of("现代化产业体系"),
            "摘要。", List.of(new DocumentAnalyzed.Entity(entity, "PLACE", 1)),
            List.of(new DocumentAnalyzed.Theme(theme, theme, 0.8)),
            dev.wenku.text.PinyinText.spaced(dev.wenku.text.SimplifiedScript.of(title)), now, now);
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

    private HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
