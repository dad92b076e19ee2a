package dev.wenku.search.semantic;

import static dev.wenku.support.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.CommonStatsFlag;
import co.elastic.clients.elasticsearch._types.VersionType;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.events.Topics;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.search.SearchProperties;
import dev.wenku.search.semantic.PassageIndex.Nearest;
import dev.wenku.search.semantic.PassageIndex.Stored;
import dev.wenku.support.testing.TestCallers;
import dev.wenku.support.testing.TestEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Search by meaning on real Kafka and Elasticsearch: analysed documents get passage vectors from a consumer of their
 * own; new versions, old versions and deletions leave the passages index as the documents are; and through the search
 * API a question that shares no word with a poem finds it first in hybrid mode, with the passage that matched, while
 * the reader's filters and exclusions hold for what meaning finds.
 */
@ExtendWith(RealInfrastructureExtension.class)
class SemanticSearchIT {

    private static final Duration EMBEDDED = Duration.ofSeconds(90);
    private static final String HOMESICK = "床前明月光，疑是地上霜。\n举头望明月，低头思故乡。";
    private static final String FRONTIER = "秦时明月汉时关，万里长征人未还。\n但使龙城飞将在，不教胡马度阴山。";
    /**
     * About soldiers at the border, without one character of {@link #FRONTIER} (and not about home, which the other
     * tests ask about).
     */
    private static final String SOLDIERS = "士兵们多年驻守边疆，抵御外敌入侵，许多战士再也没能回家。";
    private static final String ESSAY_PARAGRAPH = "人工智能正在改变生产方式，算法和算力推动各行各业提高效率。"
        + "数据成为新的生产要素，平台企业与制造企业的合作越来越紧密，";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext search;
    private static PassageIndex passages;
    private static String marker;

    @BeforeAll
    static void start() {
        String alias = "embedding-" + UUID.randomUUID();
        marker = UUID.randomUUID().toString().substring(0, 8);
        search = SemanticSearchApplication.start(alias);
        passages = search.getBean(PassageIndex.class);
    }

    @AfterAll
    static void stop() throws Exception {
        SemanticSearchApplication.stop(search);
    }

    @Test
    void aQuestionWithNoWordInCommonFindsThePoemByItsPassageVector() throws Exception {
        String homesick = "homesick-" + marker;
        String frontier = "frontier-" + marker;
        String essay = "essay-" + marker;
        List<String> ids = List.of(homesick, frontier, essay);
        publish(analyzed(homesick, 1, "静夜思", HOMESICK), analyzed(frontier, 1, "出塞", FRONTIER),
            analyzed(essay, 1, "智能时代", ESSAY_PARAGRAPH.repeat(3)));

        await().alias("the three documents embedded").atMost(EMBEDDED)
            .until(() -> passages.stored(ids).size() == 3);
        Map<String, Stored> stored = passages.stored(List.of(homesick, essay));
        assertThat(stored.get(homesick)).isEqualTo(new Stored(1, 1, PassageEmbedder.MODEL));
        assertThat(stored.get(essay).passages()).as("174 characters cut after the last sentence end within 120")
            .isEqualTo(2);

        PassageEmbedder embedder = search.getBean(PassageEmbedder.class);
        await().alias("the passages searchable").atMost(Duration.ofSeconds(10))
            .until(() -> !nearest(embedder, "想念老家", ids).isEmpty());
        Nearest best = nearest(embedder, "想念老家", ids).getFirst();
        assertThat(best.documentId()).isEqualTo(homesick);
        assertThat(best.text()).isEqualTo(HOMESICK);
        assertThat(HOMESICK.substring(best.start(), best.end())).isEqualTo(best.text());
        assertThat(nearest(embedder, "边塞战争", ids).getFirst().documentId()).isEqualTo(frontier);

        MeterRegistry registry = search.getBean(MeterRegistry.class);
        assertThat(registry.counter("wenku.embedding.documents", "outcome", "embedded").count()).isGreaterThanOrEqualTo(3);
    }

    /**
     * A query asked again gets the documents found the first time without a kNN search (the passages index counts
     * no search), and once they are older than {@code nearest-for} it is searched again.
     */
    @Test
    void aQueryAskedAgainIsAnsweredFromItsKeptNearestDocumentsUntilTheyAreDue() throws Exception {
        String homesick = "kept-homesick-" + marker;
        publish(analyzed(homesick, 1, "静夜思", HOMESICK));
        await().alias("the poem embedded").atMost(EMBEDDED).until(() -> passages.stored(List.of(homesick)).size() == 1);
        search.getBean(ElasticsearchClient.class).indices().refresh(r -> r.index(passages.alias()));
        SearchProperties keptBriefly = new Binder(new MapConfigurationPropertySource(Map.of(
            "wenku.search.semantic.nearest-for", "3s"))).bindOrCreate("wenku.search", SearchProperties.class);
        MeterRegistry registry = new SimpleMeterRegistry();
        SemanticSearch semantic = new SemanticSearch(search.getBean(PassageEmbedder.class), passages,
            search.getBean(Partitioning.class), keptBriefly,
            registry);

        List<SemanticSearch.Match> first = semantic.nearest("想念老家");
        long searched = passageSearches();
        List<SemanticSearch.Match> again = semantic.nearest("想念老家");

        assertThat(first).extracting(SemanticSearch.Match::documentId).contains(homesick);
        assertThat(again).isEqualTo(first);
        assertThat(passageSearches()).as("searches of the passages index").isEqualTo(searched);
        assertThat(registry.get("cache.gets").tags("cache", "nearest-documents", "result", "hit").functionCounter()
            .count()).isEqualTo(1);
        await().alias("searched again once due").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
            .until(() -> {
                semantic.nearest("想念老家");
                return passageSearches() > searched;
            });
    }

    /** How many searches (query phases) the passages index has run. */
    private static long passageSearches() throws Exception {
        Long total = search.getBean(ElasticsearchClient.class).indices().stats(s -> s.index(passages.alias())
            .metric(CommonStatsFlag.Search)).all().total().search().queryTotal();
        return total == null ? 0 : total;
    }

    @Test
    void aNewVersionReplacesItsPassagesAnOldOneIsIgnoredAndADeletionRemovesThem() throws Exception {
        String id = "versions-" + marker;
        publish(analyzed(id, 2, "智能时代", ESSAY_PARAGRAPH.repeat(3)));
        await().alias("version 2 embedded").atMost(EMBEDDED)
            .until(() -> new Stored(2, 2, PassageEmbedder.MODEL).equals(passages.stored(List.of(id)).get(id)));

        publish(analyzed(id, 3, "智能时代", ESSAY_PARAGRAPH));
        await().alias("version 3 replaces it").atMost(EMBEDDED)
            .until(() -> new Stored(3, 1, PassageEmbedder.MODEL).equals(passages.stored(List.of(id)).get(id)));
        ElasticsearchClient client = search.getBean(ElasticsearchClient.class);
        assertThat(client.exists(e -> e.index(passages.alias()).id(id + "#2")).value())
            .as("passages past the new version's count are gone").isFalse();

        String probe = "probe-" + marker;
        publish(analyzed(id, 1, "旧版", HOMESICK), analyzed(probe, 1, "春晓", "春眠不觉晓，处处闻啼鸟。"));
        await().alias("the probe published after the old version embedded").atMost(EMBEDDED)
            .until(() -> passages.stored(List.of(probe)).containsKey(probe));
        assertThat(passages.stored(List.of(id)).get(id)).as("the old version is ignored")
            .isEqualTo(new Stored(3, 1, PassageEmbedder.MODEL));

        TestEvents.tombstone(SharedInfrastructure.get().kafkaBootstrapServers(), Topics.DOCUMENTS_ANALYZED, id);
        await().alias("the deleted document's entries removed").atMost(EMBEDDED)
            .until(() -> passages.stored(List.of(id)).isEmpty()
                && !client.exists(e -> e.index(passages.alias()).id(id + "#1")).value());
    }

    @Test
    void aQuestionFindsThePoemFirstInHybridModeWithItsPassageWhereItsWordsFindNothing() throws Exception {
        String homesick = "api-homesick-" + marker;
        String frontier = "api-frontier-" + marker;
        publishPoems(homesick, frontier);

        // The other tests write copies of the same poems into the index, re-embedding's "reembed-" among them, whose
        // vectors are the same as this one's: any copy of the homesick poem will do.
        DocumentContext hybrid = awaitHits("q=" + enc("想念老家"), homesick);
        assertThat(hybrid.<String>read("$.mode")).isEqualTo("hybrid");
        assertThat(hybrid.<String>read("$.hits[0].id")).containsAnyOf("homesick-", "reembed-");
        assertThat(hybrid.<String>read("$.hits[0].passage.text")).isEqualTo(HOMESICK);
        assertThat(hybrid.<Integer>read("$.hits[0].passage.start")).isZero();
        assertThat(hybrid.<Integer>read("$.hits[0].passage.end")).isEqualTo(HOMESICK.length());

        DocumentContext lexical = answer("q=" + enc("想念老家") + "&mode=lexical&correct=false");
        assertThat(lexical.<Integer>read("$.total")).as("no word in common").isZero();
        assertThat(lexical.<String>read("$.mode")).isEqualTo("lexical");

        DocumentContext semantic = answer("q=" + enc("想念老家") + "&mode=semantic");
        assertThat(semantic.<String>read("$.hits[0].id")).containsAnyOf("homesick-", "reembed-");

        DocumentContext both = answer("q=" + enc("秦时明月"));
        assertThat(both.<String>read("$.hits[0].id")).as("found by its words and its meaning").contains("frontier-");
        assertThat(both.<List<String>>read("$.hits[0].highlights")).anyMatch(h -> h.contains("<em>"));
        assertThat(both.<String>read("$.hits[0].passage.text")).isEqualTo(FRONTIER);
    }

    /**
     * A poet's name: the words multiply the poet's poems' scores, and a poem that only names him in its title, which
     * meaning finds too, stays behind them (ranks alone would put it first: fourth by words, and found by meaning).
     */
    @Test
    void aPoetsNameFindsThePoetsPoemsBeforeAPoemNamingHimThatMeaningAlsoFinds() throws Exception {
        List<String> own = List.of("gaoshi-1-" + marker, "gaoshi-2-" + marker, "gaoshi-3-" + marker);
        String naming = "naming-gaoshi-" + marker;
        publish(analyzed(own.get(0), 1, "别董大", "千里黄云白日曛，北风吹雁雪纷纷。", "高适"),
            analyzed(own.get(1), 1, "燕歌行", "汉家烟尘在东北，汉将辞家破残贼。", "高适"),
            analyzed(own.get(2), 1, "除夜作", "旅馆寒灯独不眠，客心何事转凄然。", "高适"),
            analyzed(naming, 1, "与高适薛据登慈恩寺浮图", "塔势如涌出，孤高耸天宫。\n登临出世界，磴道盘虚空。", "岑参"));
        awaitHits("q=" + enc("高适") + "&mode=semantic&size=50", naming);

        DocumentContext hybrid = answer("q=" + enc("高适"));
        assertThat(hybrid.<List<String>>read("$.hits[*].id").subList(0, 3)).containsExactlyInAnyOrderElementsOf(own);
        assertThat(hybrid.<List<String>>read("$.hits[*].id")).contains(naming);
    }

    @Test
    void filtersExclusionsAndFacetsApplyToWhatMeaningFinds() throws Exception {
        String homesick = "filter-homesick-" + marker;
        String frontier = "filter-frontier-" + marker;
        publishPoems(homesick, frontier);
        awaitHits("q=" + enc("想念老家"), homesick);

        DocumentContext byAuthor = answer("q=" + enc("想念老家") + "&author=" + enc("王昌龄"));
        assertThat(byAuthor.<List<String>>read("$.hits[*].author")).isNotEmpty().containsOnly("王昌龄");

        DocumentContext excluded = answer("q=" + enc("想念老家 -床前"));
        assertThat(excluded.<List<String>>read("$.hits[*].id")).as("the other poems are still found by meaning")
            .isNotEmpty().doesNotContain(homesick).noneMatch(id -> id.contains("homesick-"));

        DocumentContext facets = answer("q=" + enc("想念老家"));
        assertThat(facets.<List<String>>read("$.facets.authors[*].value")).contains("李白");
        assertThat(facets.<Integer>read("$.total")).isGreaterThanOrEqualTo(facets.<List<String>>read("$.hits[*].id")
            .size());

        DocumentContext byDate = answer("q=" + enc("想念老家") + "&sort=date");
        assertThat(byDate.<List<String>>read("$.hits[*].id")).contains(homesick);

        List<String> byWords = answer("q=" + enc("明月") + "&mode=lexical&size=100").read("$.hits[*].id");
        List<String> byMeaning = answer("q=" + enc("明月") + "&mode=semantic&size=100").read("$.hits[*].id");
        assertThat(byMeaning).as("some found both ways").containsAnyElementsOf(byWords)
            .as("some by meaning alone").anyMatch(id -> !byWords.contains(id));
        Set<String> union = new HashSet<>(byWords);
        union.addAll(byMeaning);
        DocumentContext both = answer("q=" + enc("明月") + "&size=100");
        assertThat(both.<Integer>read("$.total")).as("found by words, by meaning, or both, each counted once")
            .isEqualTo(union.size());
        assertThat(both.<List<String>>read("$.hits[*].id")).containsExactlyInAnyOrderElementsOf(union);
        Integer liBai = both.<List<Integer>>read("$.facets.authors[?(@.value == '李白')].count").getFirst();
        assertThat(answer("q=" + enc("明月") + "&author=" + enc("李白")).<Integer>read("$.total"))
            .as("the facet counts what its filter finds").isEqualTo(liBai);
    }

    /**
     * More like this passage: a poem's passage finds another poem before an essay on technology, each answer with its
     * title and its passage nearest to the one asked about; never the document itself. (Other documents about home
     * would do better still, but would also answer the other tests' question about home.)
     */
    @Test
    void aPassageFindsPassagesOfOtherDocumentsLikeIt() throws Exception {
        String homesick = "like-homesick-" + marker;
        String frontier = "like-frontier-" + marker;
        String essay = "like-essay-" + marker;
        publish(analyzed(homesick, 1, "静夜思", HOMESICK, "李白"), analyzed(frontier, 1, "出塞", FRONTIER, "王昌龄"),
            analyzed(essay, 1, "智能时代", ESSAY_PARAGRAPH.repeat(3)));
        String path = "/api/documents/" + homesick + "/passages/1/similar?size=20";
        Answer answer = await().alias("passages like the homesick poem's").atMost(EMBEDDED)
            .until(() -> Answer.of(get(path)), a -> a.status() == 200
                && JsonPath.parse(a.body()).<List<String>>read("$.similar[*].id").containsAll(List.of(frontier, essay)));
        DocumentContext similar = JsonPath.parse(answer.body());

        assertThat(similar.<String>read("$.passage.text")).isEqualTo(HOMESICK);
        assertThat(similar.<Integer>read("$.passage.number")).isEqualTo(1);
        List<String> ids = similar.read("$.similar[*].id");
        assertThat(ids).doesNotContain(homesick);
        assertThat(ids.indexOf(frontier)).as("a poem before an essay on technology: " + ids)
            .isLessThan(ids.indexOf(essay));
        int at = ids.indexOf(frontier);
        assertThat(similar.<String>read("$.similar[" + at + "].title")).isEqualTo("出塞");
        assertThat(similar.<String>read("$.similar[" + at + "].passage.text")).isEqualTo(FRONTIER);

        DocumentContext traditional = JsonPath.parse(get(path + "&script=traditional").body());
        assertThat(traditional.<String>read("$.passage.text")).contains("故鄉");

        assertNotFound(get("/api/documents/" + homesick + "/passages/9/similar"));
        assertNotFound(get("/api/documents/nothing-" + marker + "/passages/1/similar"));
        HttpResponse<String> tooMany = get("/api/documents/" + homesick + "/passages/1/similar?size=21");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(JsonPath.parse(tooMany.body()).<String>read("$.parameter")).isEqualTo("size");
    }

    /**
     * A document's entry as an instance of mapping 1 writes it during a copy, its vector in the passages' field: the
     * kNN searches have no filter by kind (each vector field belongs to one kind of entry), so such an entry, nearest
     * of all to its own vector, comes back from the passages' field and must not be taken for a passage.
     */
    @Test
    void aDocumentsEntryInThePassagesFieldIsNeverTakenForAPassage() throws Exception {
        String id = "mapping-one-" + marker;
        float[] vector = search.getBean(PassageEmbedder.class).passage("寒山转苍翠，秋水日潺湲。倚杖柴门外，临风听暮蝉。");
        ElasticsearchClient client = search.getBean(ElasticsearchClient.class);
        String entry = PassageDocument.documentEntryId(id);
        overwrite(client, entry, 1, new PassageDocument(id, PassageDocument.DOCUMENT, null, null, null, null, 1,
            PassageEmbedder.MODEL, vector, null, null));
        client.indices().refresh(r -> r.index(passages.alias()));
        try {
            assertThat(passages.nearestByDocument(vector, 10, null, List.of())).as("passages nearest to its vector")
                .isNotEmpty().extracting(Nearest::documentId).doesNotContain(id);
        } finally {
            // The other tests share the index and its search by meaning.
            client.delete(d -> d.index(passages.alias()).id(entry));
        }
    }

    /**
     * Related documents by meaning: the vector of the whole document against the others', so a text on the same
     * subject that shares no character with it is related, which more-like-this cannot see; both fused in hybrid mode.
     */
    @Test
    void relatedDocumentsByMeaningIncludeOneSharingNoWordWithIt() throws Exception {
        String frontier = "related-frontier-" + marker;
        String soldiers = "related-soldiers-" + marker;
        String essay = "related-essay-" + marker;
        publish(analyzed(frontier, 1, "出塞", FRONTIER, "王昌龄"), analyzed(soldiers, 1, "戍边", SOLDIERS),
            analyzed(essay, 1, "智能时代", ESSAY_PARAGRAPH.repeat(3)));
        String path = "/api/documents/" + frontier + "/related?size=20&mode=";
        Answer byMeaning = await().alias("documents related by meaning to the frontier poem").atMost(EMBEDDED)
            .until(() -> Answer.of(get(path + "semantic")), a -> a.status() == 200
                && JsonPath.parse(a.body()).<List<String>>read("$.related[*].id").containsAll(List.of(soldiers, essay)));

        List<String> ids = JsonPath.parse(byMeaning.body()).read("$.related[*].id");
        assertThat(ids).doesNotContain(frontier);
        assertThat(ids.indexOf(soldiers)).as("a text about soldiers at the border before one on technology: " + ids)
            .isLessThan(ids.indexOf(essay));
        assertThat(JsonPath.parse(get(path + "lexical").body()).<List<String>>read("$.related[*].id"))
            .as("more-like-this needs a shared word").doesNotContain(soldiers);
        assertThat(JsonPath.parse(get(path + "hybrid").body()).<List<String>>read("$.related[*].id"))
            .contains(soldiers).doesNotContain(frontier);
        assertThat(JsonPath.parse(get("/api/documents/" + frontier + "/related?size=20").body())
            .<List<String>>read("$.related[*].id")).as("hybrid by default").contains(soldiers);

        assertThat(get("/api/documents/nothing-" + marker + "/related?mode=semantic").statusCode()).isEqualTo(404);
        HttpResponse<String> fuzzy = get("/api/documents/" + frontier + "/related?mode=fuzzy");
        assertThat(fuzzy.statusCode()).isEqualTo(400);
        assertThat(JsonPath.parse(fuzzy.body()).<String>read("$.parameter")).isEqualTo("mode");
    }

    /** A response's status and body, which a timed-out wait shows. */
    private record Answer(int status, String body) {

        static Answer of(HttpResponse<String> response) {
            return new Answer(response.statusCode(), response.body());
        }
    }

    private static void assertNotFound(HttpResponse<String> response) {
        assertProblem(response, 404, "not_found");
    }

    @Test
    void reembeddingReplacesTheVectorsOfAnEarlierModelKeepingTheVersionAndShowsItsProgress() throws Exception {
        String id = "reembed-" + marker;
        publish(analyzed(id, 4, "静夜思", HOMESICK));
        await().alias("version 4 embedded").atMost(EMBEDDED)
            .until(() -> new Stored(4, 1, PassageEmbedder.MODEL).equals(passages.stored(List.of(id)).get(id)));
        PassageEmbedder embedder = search.getBean(PassageEmbedder.class);
        float[] wrong = embedder.passage(FRONTIER);
        ElasticsearchClient client = search.getBean(ElasticsearchClient.class);
        // As an earlier release left it: the same version's entries, made by another model (here: of another text).
        overwrite(client, id + "#1", 4, new PassageDocument(id, PassageDocument.PASSAGE, 1, HOMESICK, 0,
            HOMESICK.length(), null, "older-model", wrong, null, null));
        overwrite(client, id + "#document", 4, new PassageDocument(id, PassageDocument.DOCUMENT, null, null, null,
            null, 1, "older-model", null, wrong, null));
        assertThat(passages.stored(List.of(id)).get(id)).isEqualTo(new Stored(4, 1, "older-model"));
        client.indices().refresh(r -> r.index(passages.alias()));
        DocumentContext before = operator("GET");
        assertThat(before.<Integer>read("$.outdated")).isGreaterThanOrEqualTo(1);
        assertThat(before.<String>read("$.model")).isEqualTo(PassageEmbedder.MODEL);

        DocumentContext started = operator("POST");
        assertThat(started.<String>read("$.state")).isEqualTo("RUNNING");
        await().alias("re-embedded by the current model, at the same version").atMost(EMBEDDED)
            .until(() -> new Stored(4, 1, PassageEmbedder.MODEL).equals(passages.stored(List.of(id)).get(id)));
        assertThat(nearest(embedder, "想念老家", List.of(id))).as("the passage found by its own meaning again")
            .isNotEmpty();
        DocumentContext done = await().alias("the run done").atMost(EMBEDDED).until(() -> operator("GET"),
            progress -> "DONE".equals(progress.read("$.state")));
        assertThat(done.<Integer>read("$.outdated")).isZero();
        assertThat((Object) done.read("$.finishedAt")).isNotNull();
        assertThat(search.getBean(MeterRegistry.class).counter("wenku.embedding.documents", "outcome", "reembedded")
            .count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aModeThatDoesNotExistIsRefusedNamingTheParameter() throws Exception {
        HttpResponse<String> response = get("/api/search?q=" + enc("明月") + "&mode=fuzzy");
        DocumentContext problem = assertProblem(response, 400, "invalid_parameter");
        assertThat(problem.<String>read("$.parameter")).isEqualTo("mode");
    }

    private static void publishPoems(String homesick, String frontier) throws Exception {
        publish(analyzed(homesick, 1, "静夜思", HOMESICK, "李白"), analyzed(frontier, 1, "出塞", FRONTIER, "王昌龄"));
    }

    /** The answer to {@code query} once its hits include {@code id} (the stage embeds after indexing). */
    private static DocumentContext awaitHits(String query, String id) {
        return await().alias(id + " found for " + query).atMost(EMBEDDED).until(() -> answer(query),
            answer -> answer.<List<String>>read("$.hits[*].id").contains(id));
    }

    private static DocumentContext answer(String query) throws Exception {
        HttpResponse<String> response = get("/api/search?" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.parse(response.body());
    }

    /** Writes an entry over what the index holds, at the same version. */
    private static void overwrite(ElasticsearchClient client, String entryId, long version, PassageDocument entry)
            throws Exception {
        client.index(i -> i.index(passages.alias()).id(entryId).version(version)
            .versionType(VersionType.ExternalGte).document(entry));
    }

    /** The re-embedding run's progress, after a {@code GET} or a {@code POST} (which must start it) as an operator. */
    private static DocumentContext operator(String method) throws Exception {
        int port = Integer.parseInt(search.getEnvironment().getProperty("local.server.port"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/search/embeddings/reembedding")).header("Authorization", TestCallers.operator())
            .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo("POST".equals(method) ? 202 : 200);
        return JsonPath.parse(response.body());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        int port = Integer.parseInt(search.getEnvironment().getProperty("local.server.port"));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", TestCallers.anonymous()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The passages nearest to {@code question} among those of {@code ids} (the other test writes documents too). */
    private static List<Nearest> nearest(PassageEmbedder embedder, String question, List<String> ids)
            throws Exception {
        search.getBean(ElasticsearchClient.class).indices().refresh(r -> r.index(passages.alias()));
        return passages.nearestByDocument(embedder.query(question), 10, null, List.of()).stream()
            .filter(hit -> ids.contains(hit.documentId())).toList();
    }

    private static void publish(DocumentAnalyzed... events) throws Exception {
        TestEvents.publish(SharedInfrastructure.get().kafkaBootstrapServers(), Topics.DOCUMENTS_ANALYZED,
            List.of(events));
    }

    private static DocumentAnalyzed analyzed(String id, long version, String title, String body) {
        return analyzed(id, version, title, body, null);
    }

    private static DocumentAnalyzed analyzed(String id, long version, String title, String body, String author) {
        Instant now = Instant.now();
        return new DocumentAnalyzed(DocumentAnalyzed.SCHEMA_VERSION, id, version, title, body, title, body, null,
            List.of(), List.of(), List.of(), null, List.of(), List.of(), null, List.of(), now, now, author);
    }
}
