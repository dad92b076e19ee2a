package dev.wenku.search.query;

import static dev.wenku.support.testing.ProblemAssertions.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.EventSerializer;
import dev.wenku.events.PipelineEvent;
import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.search.SearchApplication;
import dev.wenku.search.SearchProperties;
import dev.wenku.support.security.CallerTokenProperties;
import dev.wenku.support.security.CallerTokens;
import dev.wenku.support.security.Roles;
import dev.wenku.support.testing.TestCallers;
import dev.wenku.support.testing.TestEvents;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@ExtendWith(RealInfrastructureExtension.class)
@SpringBootTest(classes = SearchApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = TestCallers.SECRET_PROPERTY)
class SearchApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> SharedInfrastructure.get().kafkaBootstrapServers());
        registry.add("spring.elasticsearch.uris", () -> SharedInfrastructure.get().elasticsearchUrl());
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    SearchProperties properties;

    @Test
    void anAnalysedDocumentBecomesSearchableWithHighlightsAndKeywords() throws Exception {
        String marker = "甲" + UUID.randomUUID().toString().substring(0, 8);
        publish(analyzed("doc-" + marker, 1, "新質生產力 " + marker,
            "因地制宜发展新质生产力，" + marker + "是推动高质量发展的内在要求。"));
        String body = awaitSearch(marker, r -> r.contains("doc-" + marker));
        DocumentContext answer = JsonPath.parse(body);
        assertEquals(1, answer.<Integer>read("$.total"), body);
        assertEquals("doc-" + marker, answer.read("$.hits[0].id"), body);
        assertTrue(answer.<List<String>>read("$.hits[0].highlights").stream().anyMatch(h -> h.contains("<em>")), body);
        assertEquals(List.of("新质生产力"), answer.read("$.hits[0].keywords"), body);
        assertEquals("新質生產力 " + marker, answer.read("$.hits[0].title"), "original script is displayed: " + body);
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
        assertEquals(List.of(1), JsonPath.read(both, "$.facets.themes[?(@.value == 'green-development')].count"), both);
        assertEquals(List.of(1), JsonPath.read(both, "$.facets.entities[?(@.value == '四川')].count"), both);
        String green = get("/api/search?q=" + enc(marker) + "&theme=green-development").body();
        assertTrue(green.contains("green-" + marker) && !green.contains("talent-" + marker), green);
        String place = get("/api/search?q=" + enc(marker) + "&entity=" + enc("成都")).body();
        assertTrue(place.contains("talent-" + marker) && !place.contains("green-" + marker), place);
        assertEquals(200, get("/api/search?q=" + enc(marker) + "&sort=date").statusCode());
        assertEquals("sort", assertProblem(get("/api/search?q=" + enc(marker) + "&sort=random"), 400, "invalid_parameter")
            .read("$.parameter"));
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
        assertEquals(0, JsonPath.<Integer>read(get("/api/search?q=" + enc("shuxue " + marker)).body(), "$.total"),
            "the pinyin of a word in neither title nor text does not match");
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

    /**
     * Issue 19, item 1: pinyin finds any word of the text, not only what analysis made a keyword or title: full
     * syllables with or without spaces and tone marks, across words (数字 经济), mixed with characters, and initials.
     * The text that has the word twice ranks above one where the syllables only sound alike once (窗 心), and the word
     * the pinyin spells is highlighted in it.
     */
    @Test
    void pinyinFindsAnyWordOfTheTextWithOrWithoutSpacesAndToneMarksAndMixedWithCharacters() throws Exception {
        String marker = "癸" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        String innovation = "数字经济离不开创新，创新靠人才。" + marker;
        publish(new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, "innovation-" + marker, 1, "标题 " + marker,
            innovation, "标题 " + marker, innovation, null, List.of(),
            List.of(new DocumentAnalyzed.Keyword("人才", 1.0, "rencai")), List.of(), null, List.of(), List.of(), null,
            List.of("数字", "经济", "离不开", "创新", "，", "创新", "靠", "人才", "。"), now, now));
        String window = "打开窗心里就亮了，今天的天气很好，我们一起去公园散步吧。" + marker;
        publish(new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, "window-" + marker, 1, "窗 " + marker, window,
            "窗 " + marker, window, null, List.of(), List.of(), List.of(), null, List.of(), List.of(), null,
            List.of("打开", "窗", "心里", "就", "亮", "了", "，", "今天", "的", "天气", "很", "好"), now, now));
        awaitSearch(marker, r -> r.contains("innovation-" + marker) && r.contains("window-" + marker));

        for (String pinyin : List.of("chuangxin", "chuang xin", "chuàngxīn", "ChuangXin", "创xin")) {
            String found = search(pinyin + " " + marker);
            List<String> ids = JsonPath.read(found, "$.hits[*].id");
            assertEquals("innovation-" + marker, ids.isEmpty() ? null : ids.getFirst(), pinyin + ": " + found);
            assertTrue(found.contains("<em>创新</em>"), pinyin + " highlights the word it spells: " + found);
        }
        for (String pinyin : List.of("shuzijingji", "shu zi jing ji", "cx")) {
            String found = search(pinyin + " " + marker);
            assertEquals(List.of("innovation-" + marker), JsonPath.read(found, "$.hits[*].id"), pinyin + ": " + found);
        }
        String nothing = search("xinxiang " + marker);
        assertEquals(0, JsonPath.<Integer>read(nothing, "$.total"), "syllables in no text: " + nothing);
    }

    /**
     * A word analysis leaves out of a text's words (创新 is on its stoplist, being in nearly every essay) is still
     * found by its pinyin, and highlighted where it stands, in both scripts.
     */
    @Test
    void aPinyinQueryHighlightsAWordAnalysisLeftOutOfTheTextsWords() throws Exception {
        String marker = "丑" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        String body = "我們要堅持創新發展。" + marker;
        String simplified = dev.wenku.text.SimplifiedScript.of(body);
        publish(new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, "stoplisted-" + marker, 1, "標題 " + marker, body,
            "标题 " + marker, simplified, null, List.of(), List.of(), List.of(), null, List.of(), List.of(), null,
            List.of("坚持", "发展"), now, now));
        awaitSearch(marker, r -> r.contains("stoplisted-" + marker));

        String found = search("chuangxin " + marker);
        assertEquals(List.of("stoplisted-" + marker), JsonPath.read(found, "$.hits[*].id"), found);
        assertTrue(found.contains("<em>創新</em>"), "the word is highlighted in the text as written: " + found);
    }

    @Test
    void anAuthorIsAFieldToSearchFilterAndFacetAndAQueryCanTargetIt() throws Exception {
        String marker = "寅" + UUID.randomUUID().toString().substring(0, 8);
        publish(byAuthor(analyzed("libai-" + marker, 1, "静夜思", "床前明月光，疑是地上霜。" + marker), "李白"));
        publish(byAuthor(analyzed("dufu-" + marker, 1, "春望 " + marker, "国破山河在，城春草木深。" + marker), "杜甫"));
        publish(analyzed("about-" + marker, 1, "读诗 " + marker, "李白的诗飘逸，杜甫的诗沉郁，各有千秋。" + marker));
        // A corpus's statistics: a poet has many poems, so his name weighs little in the author field, while few
        // titles have it, so it weighs much in a title. There, a short title with the name (and a homophone of its
        // pinyin, li bai) buried the poet's own poems.
        String filler = "巳" + UUID.randomUUID().toString().substring(0, 8);
        List<DocumentAnalyzed> poems = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            poems.add(byAuthor(analyzed(filler + "-" + i, 1, "古风其" + i, "大雅久不作，吾衰竟谁陈。" + filler),
                i % 2 == 0 ? "李白" : "诗人" + i));
        }
        publishAll(poems);
        awaitSearch(filler, r -> JsonPath.<Integer>read(r, "$.total") == poems.size());
        publish(analyzed("to-" + marker, 1, "赠李白", "李白斗酒诗百篇，长安市上酒家眠。天子呼来不上船，自称臣是酒中仙。"
            + "李白乘舟将欲行。" + marker));
        publish(analyzed("homophone-" + marker, 1, "礼拜 " + marker, "礼拜天读诗。" + marker));
        awaitSearch(marker, r -> Stream.of("libai-", "dufu-", "about-", "to-", "homophone-")
            .allMatch(id -> r.contains(id + marker)));

        String name = search("李白 " + marker);
        List<String> byName = JsonPath.read(name, "$.hits[*].id");
        assertEquals("libai-" + marker, byName.getFirst(), "the author's poem above texts that name him: " + name);
        assertEquals(Set.of("libai-" + marker, "about-" + marker, "to-" + marker), Set.copyOf(byName), name);
        assertEquals("李白", JsonPath.read(name, "$.hits[0].author"), name);
        String spelled = search("libai " + marker);
        assertEquals("libai-" + marker, JsonPath.read(spelled, "$.hits[0].id"),
            "the author spelled in pinyin above a homophone: " + spelled);

        assertEquals(List.of("libai-" + marker), JsonPath.read(search("作者:李白 " + marker), "$.hits[*].id"));
        assertEquals(List.of("libai-" + marker), JsonPath.read(search("作者：libai " + marker), "$.hits[*].id"),
            "pinyin, and a full-width colon");
        assertEquals(List.of("dufu-" + marker), JsonPath.read(search("author:杜甫 " + marker), "$.hits[*].id"));
        List<String> notLiBai = JsonPath.read(search(marker + " -作者:李白"), "$.hits[*].id");
        assertEquals(Set.of("dufu-" + marker, "about-" + marker, "to-" + marker, "homophone-" + marker),
            Set.copyOf(notLiBai));

        HttpResponse<String> filtered = get("/api/search?author=" + enc("杜甫") + "&q=" + enc(marker));
        assertEquals(200, filtered.statusCode(), filtered.body());
        assertEquals(List.of("dufu-" + marker), JsonPath.read(filtered.body(), "$.hits[*].id"), filtered.body());
        String all = search(marker);
        assertEquals(List.of(1), JsonPath.read(all, "$.facets.authors[?(@.value == '李白')].count"), all);
        assertEquals(List.of(1), JsonPath.read(all, "$.facets.authors[?(@.value == '杜甫')].count"), all);
        assertProblem(get("/api/search?q=" + enc("作者:")), 400, "malformed_query");
    }

    @Test
    void aQueryWithOneWrongCharacterOrPinyinSyllableFindsTheTextItMeantAndSaysWhatItSearched() throws Exception {
        String marker = "卯" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        String body = "发展新质生产力，数字经济离不开创新。" + marker;
        publish(new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, "meant-" + marker, 1, "心得 " + marker, body,
            "心得 " + marker, body, null, List.of(), List.of(new DocumentAnalyzed.Keyword("数字经济", 1.0, "shuzijingji")),
            List.of(), null, List.of(), List.of(), null, List.of("发展", "新质生产力", "数字经济", "离不开", "创新"), now, now));
        awaitSearch(marker, r -> r.contains("meant-" + marker));

        for (Map.Entry<String, String> typo : Map.of("新质生厂力", "新质生产力", "新質生廠力", "新质生产力",
                "chuangxing", "chuangxin", "shuzijinji", "shuzijingji").entrySet()) {
            String found = search(typo.getKey() + " " + marker);
            assertEquals(List.of("meant-" + marker), JsonPath.read(found, "$.hits[*].id"), typo.getKey() + ": " + found);
            assertEquals(typo.getValue() + " " + marker, JsonPath.read(found, "$.correctedQuery"), found);
        }
        String asTyped = search("新质生产力 " + marker);
        assertNull(JsonPath.read(asTyped, "$.correctedQuery"), "a query that finds something is not corrected");
        HttpResponse<String> uncorrected = get("/api/search?correct=false&q=" + enc("新质生厂力 " + marker));
        assertEquals(0, JsonPath.<Integer>read(uncorrected.body(), "$.total"), uncorrected.body());
        publish(analyzed("line-" + marker, 1, "江雪 " + marker, "千山鸟飞绝，万径人踪灭。孤舟蓑笠翁，独钓寒江雪。" + marker));
        awaitSearch(marker, r -> r.contains("line-" + marker));
        String wrongInside = search("千山鸟非绝 " + marker);
        assertEquals(List.of("line-" + marker), JsonPath.read(wrongInside, "$.hits[*].id"),
            "a line with a wrong character inside it: " + wrongInside);
        assertEquals("千山鸟飞绝 " + marker, JsonPath.read(wrongInside, "$.correctedQuery"),
            "the reader is shown the line the poem has: " + wrongInside);
        assertEquals(0, JsonPath.<Integer>read(get("/api/search?correct=false&q=" + enc("千山鸟非绝 " + marker)).body(),
            "$.total"), "as typed, the line is in no text");
        String nothingClose = search("量子纠缠 " + marker);
        assertEquals(0, JsonPath.<Integer>read(nothingClose, "$.total"), nothingClose);
        assertNull(JsonPath.read(nothingClose, "$.correctedQuery"), nothingClose);
    }

    @Test
    void aLineTypedAsItStandsRanksItsPoemFirstAndWordsCloseTogetherRankAboveWordsApart() throws Exception {
        String marker = "辰" + UUID.randomUUID().toString().substring(0, 8);
        publish(analyzed("line-" + marker, 1, "静夜思 " + marker, "床前明月光，疑是地上霜。举头望明月，低头思故乡。" + marker));
        publish(analyzed("pieces-" + marker, 1, "杂记 " + marker, "月光如水，月光满地，明月几时有，明月照人。"
            + "床前有书，前明后暗。" + marker));
        // More of both words than the poem has, but a few dozen characters apart.
        publish(analyzed("apart-" + marker, 1, "随笔 " + marker, "明月高悬，明月如霜，明月照人。"
            + "山川草木四时不同，晨昏各异，风雨无常。" + "故乡难忘，故乡何在，故乡远矣。" + marker));
        awaitSearch(marker, r -> Stream.of("line-", "pieces-", "apart-").allMatch(id -> r.contains(id + marker)));

        String line = search("床前明月光 " + marker);
        assertEquals("line-" + marker, JsonPath.read(line, "$.hits[0].id"),
            "the poem with the line itself above a text with its pieces here and there: " + line);
        String near = search("明月 故乡 " + marker);
        assertEquals(List.of("line-" + marker, "apart-" + marker), JsonPath.read(near, "$.hits[*].id"),
            "明月 and 故乡 a few characters apart rank above a text with them a paragraph apart: " + near);
    }

    @Test
    void wordsCloseTogetherRankAboveTheSameWordsRepeatedFarApart() throws Exception {
        String marker = "亥" + UUID.randomUUID().toString().substring(0, 8);
        // As long as each other; in the first the words are seven character pairs apart, within NEAR.
        publish(analyzed("close-" + marker, 1, "春日 " + marker, "城外春风吹过了河边的杨柳，行人渐远，山色空蒙，水波不兴，"
            + "林间鸟语，云外钟声，渔舟唱晚，牧笛横吹。" + marker));
        publish(analyzed("repeated-" + marker, 1, "杂咏 " + marker, "春风又起，春风送暖，春风满城，春风入户，"
            + "山川草木四时不同，晨昏各异。" + "杨柳依依，杨柳青青，杨柳如烟，杨柳垂堤。" + marker));
        awaitSearch(marker, r -> Stream.of("close-", "repeated-").allMatch(id -> r.contains(id + marker)));

        String found = search("春风 杨柳 " + marker);
        assertEquals(List.of("close-" + marker, "repeated-" + marker), JsonPath.read(found, "$.hits[*].id"),
            "春风 and 杨柳 close together once rank above a text repeating each four times a paragraph apart: " + found);
    }

    @Test
    void theTextWithALineRanksAboveTitlesQuotingItAndTheTitleItIsAboveTextsQuotingIt() throws Exception {
        // On the whole poetry corpus, ten Song poems whose title quotes 千山鸟飞绝 ranked above 江雪 for it.
        String marker = "酉" + UUID.randomUUID().toString().substring(0, 8);
        // As in a corpus of poems, the line's character pairs are common in texts and rare in titles.
        String filler = "戌" + UUID.randomUUID().toString().substring(0, 8);
        List<DocumentAnalyzed> texts = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            texts.add(analyzed(filler + "-" + i, 1, "杂诗" + i, "千山万壑，空山鸟语，倦鸟飞还，音书飞绝。" + filler));
        }
        publishAll(texts);
        awaitSearch(filler, r -> JsonPath.<Integer>read(r, "$.total") == texts.size());
        List<DocumentAnalyzed> poems = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            poems.add(analyzed("quoting-" + i + "-" + marker, 1, "以千山鸟飞绝为韵 其" + i, "大雪满天地，胡为仗此身。" + marker));
        }
        poems.add(analyzed("snow-" + marker, 1, "江雪", "千山鸟飞绝，万径人踪灭。孤舟蓑笠翁，独钓寒江雪。" + marker));
        poems.add(analyzed("crane-" + marker, 1, "黄鹤楼送孟浩然之广陵", "故人西辞黄鹤楼，烟花三月下扬州。" + marker));
        poems.add(analyzed("echo-" + marker, 1, "读诗", "夜读黄鹤楼送孟浩然之广陵一诗，想见江上孤帆远影。" + marker));
        publishAll(poems);
        awaitSearch(marker, r -> JsonPath.<Integer>read(r, "$.total") == poems.size());

        String line = search("千山鸟飞绝 " + marker);
        assertEquals("snow-" + marker, JsonPath.read(line, "$.hits[0].id"),
            "the poem with the line above titles quoting it: " + line);
        String typo = search("千山鸟非绝 " + marker);
        assertEquals("snow-" + marker, JsonPath.read(typo, "$.hits[0].id"), "and with a wrong character: " + typo);
        String title = search("黄鹤楼送孟浩然之广陵 " + marker);
        assertEquals("crane-" + marker, JsonPath.read(title, "$.hits[0].id"),
            "the poem called so above a text quoting its title: " + title);
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
        assertProblem(get("/api/search?q=" + enc("\"全面振兴")), 400, "malformed_query");
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
            assertEquals("script", assertProblem(response, 400, "invalid_parameter").read("$.parameter"),
                path + " " + response.body());
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

    /**
     * Issue 18, finding 2: the service answers only what the gateway forwards. Without a caller token, or with one
     * signed by another key, nothing is searched or paused; a reader's token searches but does not pause indexing.
     */
    @Test
    @Tag("security")
    void aDirectCallAroundTheGatewayIsRefused() throws Exception {
        assertProblem(get("/api/search?q=" + enc("新质生产力"), null), 401, "unauthenticated");
        assertProblem(post("/api/search/indexing/pause", "Bearer not-a-token"), 401, "unauthenticated");
        String forged = "Bearer " + new CallerTokens(new CallerTokenProperties("another key of thirty-two bytes or more",
            Duration.ofMinutes(1)), Clock.systemUTC()).sign("operator", List.of(Roles.OPERATOR));
        assertProblem(post("/api/search/indexing/pause", forged), 401, "unauthenticated");
        assertEquals(200, get("/api/search?q=" + enc("新质生产力"), TestCallers.anonymous()).statusCode());
        assertProblem(post("/api/search/indexing/pause", TestCallers.anonymous()), 403, "forbidden");
        assertProblem(post("/api/search/indexing/pause", TestCallers.editor()), 403, "forbidden");
        assertFalse(JsonPath.<Boolean>read(get("/api/search/indexing").body(), "$.paused"), "nothing was paused");
        assertEquals(200, get("/actuator/health/readiness", null).statusCode(), "the probes stay open");
    }

    @Test
    void reembeddingIsForOperatorsAndNotFoundWhereTheEmbeddingStageDoesNotRun() throws Exception {
        assertProblem(post("/api/search/embeddings/reembedding", TestCallers.editor()), 403, "forbidden");
        DocumentContext off = assertProblem(post("/api/search/embeddings/reembedding"), 404, "not_found");
        assertTrue(off.<String>read("$.detail").contains("wenku.search.semantic.enabled"), off.jsonString());
        assertProblem(get("/api/search/embeddings/reembedding"), 404, "not_found");
    }

    @Test
    void theRequestIdIsEchoed() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/search?q=x")).header("X-Request-Id", "reader-7")
                .header("Authorization", TestCallers.anonymous()).GET().build(),
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
        assertEquals(Set.of(marker + "数字经济", marker + "数字中国"),
            Set.copyOf(JsonPath.<List<String>>read(byCharacters, "$.suggestions[*].title")),
            "each suggestion with its document's title: " + byCharacters);
        assertEquals(Set.of("sugg-a-" + marker, "sugg-b-" + marker),
            Set.copyOf(JsonPath.<List<String>>read(byCharacters, "$.suggestions[*].id")), byCharacters);
        assertTrue(get("/api/search/suggest?q=xinzhi").body().contains("xinzhishengchanli"));
        assertEquals(400, get("/api/search/suggest?q=").statusCode());

        String related = get("/api/documents/sugg-a-" + marker + "/related").body();
        assertTrue(related.contains("sugg-b-" + marker), related);
        String others = related.substring(related.indexOf("\"related\""));
        assertTrue(!others.contains("sugg-a-" + marker), "not itself: " + related);
        assertTrue(others.contains("\"keywords\":[\"新质生产力\"]") && others.contains("\"summary\":\"摘要。\""),
            "related documents come with their keywords and summary: " + related);
        HttpResponse<String> byMeaning = get("/api/documents/sugg-a-" + marker + "/related?mode=semantic");
        assertProblem(byMeaning, 400, "invalid_parameter");
        assertTrue(byMeaning.body().contains("wenku.search.semantic.enabled"), byMeaning.body());
    }

    @Test
    void theReadingViewHasTheOriginalTextAndTheAnalysis() throws Exception {
        String marker = "壬" + UUID.randomUUID().toString().substring(0, 8);
        publish(analyzed("read-" + marker, 1, "閱讀 " + marker, "全文在這裡 " + marker));
        awaitSearch(marker, r -> r.contains("read-" + marker));
        String reading = get("/api/documents/read-" + marker + "/reading").body();
        assertTrue(reading.contains("\"body\":\"全文在這裡 " + marker + "\""), reading);
        assertTrue(reading.contains("\"summary\":\"摘要。\"") && reading.contains("\"themes\":[{"), reading);
        assertProblem(get("/api/documents/nothing-" + marker + "/reading"), 404, "not_found");
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

    /** Keys of dead letters with an exception header among {@code expected}: the topic read to its end, and past it until all are there. */
    private static List<String> deadLetterKeys(String... expected) {
        List<ConsumerRecord<String, byte[]>> records = readTopic("wenku.documents.analyzed.dlt", new ByteArrayDeserializer(),
            seen -> seen.stream().map(ConsumerRecord::key).collect(Collectors.toSet()).containsAll(List.of(expected)));
        return records.stream()
            .filter(r -> List.of(expected).contains(r.key()))
            .filter(r -> r.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE) != null)
            .map(ConsumerRecord::key)
            .toList();
    }

    /** The last status report of document {@code id}, waiting for the first. */
    private static String statusOf(String id) {
        return readTopic(Topics.DOCUMENT_STATUS, new StringDeserializer(),
                seen -> seen.stream().anyMatch(r -> id.equals(r.key()))).stream()
            .filter(r -> id.equals(r.key()))
            .reduce((first, second) -> second)
            .map(ConsumerRecord::value)
            .orElseThrow();
    }

    /**
     * The records of {@code topic} from its beginning at least to the end offsets it has now, and further until the
     * records read pass {@code enough}.
     */
    private static <V> List<ConsumerRecord<String, V>> readTopic(String topic, Deserializer<V> values,
                                                              Predicate<List<ConsumerRecord<String, V>>> enough) {
        Map<String, Object> config = Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrapServers(),
            "enable.auto.commit", false);
        List<ConsumerRecord<String, V>> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().alias(topic + " read to its end offsets " + end + " and until the expected records")
                .atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).pollInSameThread()
                .until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                    return enough.test(seen)
                        && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                });
        }
        return seen;
    }

    @Test
    void aBlankQueryIsA400() throws Exception {
        assertProblem(get("/api/search?q=%20"), 400, "missing_query");
    }

    @Test
    void badPagingIsA400NotA500() throws Exception {
        assertEquals("size", assertProblem(get("/api/search?q=a&size=1000"), 400, "invalid_parameter").read("$.parameter"));
        assertEquals("from", assertProblem(get("/api/search?q=a&from=-1"), 400, "invalid_parameter").read("$.parameter"));
        HttpResponse<String> notANumber = get("/api/search?q=a&from=abc");
        assertEquals("from", assertProblem(notANumber, 400, "invalid_parameter").read("$.parameter"), notANumber.body());
    }

    @Test
    @Tag("security")
    void aPageBeyondElasticsearchsResultWindowIsA400NamingFromThatCostsNoSearch() throws Exception {
        long before = searchesOfTheIndex();
        HttpResponse<String> beyond = get("/api/search?q=" + enc("新") + "&from=9991");
        DocumentContext problem = assertProblem(beyond, 400, "invalid_parameter");
        assertEquals("from", problem.read("$.parameter"), beyond.body());
        assertTrue(problem.<String>read("$.detail").contains("10000"), "the limit is named: " + beyond.body());
        assertEquals(before, searchesOfTheIndex(), "refused before Elasticsearch is asked");
        HttpResponse<String> last = get("/api/search?q=" + enc("新") + "&from=9990");
        assertEquals(200, last.statusCode(), "the last page within the window: " + last.body());
    }

    @Test
    @Tag("security")
    void aQueryOfManyLatinWordsCostsElasticsearchAtMostTwoSearches() throws Exception {
        // 66 distinct two-letter words (aa … cn): each may be pinyin initials, so each has its spellings looked up.
        String words = IntStream.range(0, 66).mapToObj(i -> "" + (char) ('a' + i / 26) + (char) ('a' + i % 26))
            .collect(Collectors.joining(" "));
        long before = searchesOfTheIndex();
        HttpResponse<String> response = get("/api/search?q=" + enc(words));
        assertEquals(200, response.statusCode(), response.body());
        long searches = searchesOfTheIndex() - before;
        assertTrue(searches <= 2, "one look-up of all spellings and the search itself, not " + searches);
    }

    @Test
    void latinWordsPastTheLookUpCapAreStillSearchedAsText() throws Exception {
        String marker = "壬" + UUID.randomUUID().toString().substring(0, 8);
        List<String> latin = List.of("qa", "qb", "qc", "qd", "qe", "qf", "qg", "qh", "qk", "qm");
        publish(analyzed("all-" + marker, 1, "全 " + marker, String.join(" ", latin) + " " + marker));
        publish(analyzed("most-" + marker, 1, "缺 " + marker, String.join(" ", latin.subList(0, 9)) + " " + marker));
        awaitSearch(marker, r -> r.contains("all-" + marker) && r.contains("most-" + marker));
        String found = get("/api/search?q=" + enc(String.join(" ", latin) + " " + marker)).body();
        assertTrue(found.contains("all-" + marker), "every word found: " + found);
        assertTrue(!found.contains("most-" + marker), "the tenth Latin word is still required: " + found);
    }

    /** Searches Elasticsearch ran on the index so far (its shards' query phases: one per search, one shard). */
    private long searchesOfTheIndex() throws Exception {
        String stats = HTTP.send(HttpRequest.newBuilder(URI.create(SharedInfrastructure.get().elasticsearchUrl() + "/"
            + properties.indexAlias() + "/_stats/search")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        return JsonPath.parse(stats).read("$._all.primaries.search.query_total", Long.class);
    }

    @Test
    void querySyntaxIsTreatedAsPlainText() throws Exception {
        HttpResponse<String> response = get("/api/search?q=" + enc("{\"match_all\":{}} OR * AND title:("));
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void whileOperatorsPauseIndexingEventsWaitInKafkaAndAreIndexedOnResume() throws Exception {
        String marker = "暂停" + UUID.randomUUID().toString().substring(0, 8);
        List<ListenerContainerIdleEvent> idle = new CopyOnWriteArrayList<>();
        AtomicBoolean listening = new AtomicBoolean(true);
        context.addApplicationListener(event -> {
            if (listening.get() && event instanceof ListenerContainerIdleEvent idleEvent) {
                idle.add(idleEvent);
            }
        });
        try {
            assertTrue(JsonPath.<Boolean>read(post("/api/search/indexing/pause").body(), "$.paused"));
            await().alias("the pause took effect").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/api/search/indexing").body(), state -> JsonPath.<Boolean>read(state, "$.consumersIdle"));
            publish(analyzed("paused-" + marker, 1, "暂停 " + marker, "暂停期间发布的文章 " + marker));
            long published = System.currentTimeMillis();
            // The paused consumer kept polling (it reports idle) from before the publish until well after it.
            await().alias("the paused consumer idle since before the publish, for a second after it")
                .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> idle.stream().anyMatch(e -> e.isPaused() && e.getTimestamp() - e.getIdleTime() < published
                    && e.getTimestamp() > published + 1000));
            String whilePaused = get("/api/search?q=" + enc(marker)).body();
            assertEquals(0, JsonPath.<Integer>read(whilePaused, "$.total"), "not indexed while paused: " + whilePaused);
        } finally {
            listening.set(false);
            assertFalse(JsonPath.<Boolean>read(post("/api/search/indexing/resume").body(), "$.paused"));
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

    /** {@code event} with an author. */
    private static DocumentAnalyzed byAuthor(DocumentAnalyzed event, String author) {
        return new DocumentAnalyzed(event.schemaVersion(), event.documentId(), event.version(), event.title(),
            event.body(), event.simplifiedTitle(), event.simplifiedBody(), event.source(), event.tags(),
            event.keywords(), event.keyPhrases(), event.summary(), event.entities(), event.themes(),
            event.titlePinyin(), event.words(), event.ingestedAt(), event.analyzedAt(), author);
    }

    private static void publish(DocumentAnalyzed event) throws Exception {
        publishAll(List.of(event));
    }

    private static void publishAll(List<DocumentAnalyzed> events) throws Exception {
        TestEvents.publish(SharedInfrastructure.get().kafkaBootstrapServers(), Topics.DOCUMENTS_ANALYZED, events);
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

    private String awaitSearch(String q, Predicate<String> accepted) {
        return await().alias("an answer to " + q + " that passes").atMost(Duration.ofSeconds(40))
            .pollInterval(Duration.ofMillis(300))
            .until(() -> get("/api/search?q=" + enc(q)), response -> response.statusCode() == 200
                && accepted.test(response.body()))
            .body();
    }

    /** The body of a search for {@code q}, which must answer {@code 200}. */
    private String search(String q) throws Exception {
        HttpResponse<String> response = get("/api/search?q=" + enc(q));
        assertEquals(200, response.statusCode(), q + ": " + response.body());
        return response.body();
    }

    /** A GET as the gateway forwards an operator's (who may call every path of the service). */
    private HttpResponse<String> get(String path) throws Exception {
        return get(path, TestCallers.operator());
    }

    /** A GET carrying {@code caller} in {@code Authorization}, or nothing when null. */
    private HttpResponse<String> get(String path, String caller) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        return HTTP.send((caller == null ? request : request.header("Authorization", caller)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return post(path, TestCallers.operator());
    }

    private HttpResponse<String> post(String path, String caller) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", caller).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
