package dev.wenku.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.search.semantic.PassageIndex.Nearest;
import dev.wenku.support.testing.TestCallers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Partitioning the passages on a real Elasticsearch, with 300 poems of the real corpus embedded by the stage's code
 * ({@link PoemPassages}): an operator's run trains two partitions and tags every passage, shows its progress, and from
 * then on a search by meaning compares one partition's passages (the one nearest to the query), still finding a
 * passage by its own vector first; a document embedded afterwards is tagged as it is written.
 */
@ExtendWith(RealInfrastructureExtension.class)
class PartitioningIT {

    private static final Duration RUN_DONE = Duration.ofSeconds(120);
    private static final int POEMS = 300;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext search;
    private static PassageIndex passages;

    @BeforeAll
    static void start() {
        String alias = "partitions-" + UUID.randomUUID();
        search = SemanticSearchApplication.start(alias, "--wenku.search.semantic.partitions=2",
            "--wenku.search.semantic.partition-probes=1");
        passages = search.getBean(PassageIndex.class);
    }

    @AfterAll
    static void stop() throws Exception {
        SemanticSearchApplication.stop(search);
    }

    @Test
    void aRunTagsEveryPassageAndSearchesThenCompareTheNearestPartitionOnly() throws Exception {
        List<String> ids = PoemPassages.write(search, POEMS);
        assertThat(passages.stored(ids)).hasSize(POEMS);
        passages.refresh();
        long all = passages.passages();
        assertThat(all).as("the 100 passages a partition needs at least, twice").isGreaterThanOrEqualTo(200);
        assertThat(operator("GET", 200).<String>read("$.state")).isEqualTo("IDLE");

        Partitioning partitioning = search.getBean(Partitioning.class);
        partitioning.stop(); // Until the second request is answered: the run could otherwise be done before it.
        DocumentContext started = operator("POST", 202);
        assertThat(started.<String>read("$.state")).isEqualTo("TRAINING");
        assertThat(started.<Integer>read("$.generation")).isEqualTo(1);
        assertThat(operator("POST", 409).<String>read("$.state")).as("a second run while one trains")
            .isEqualTo("TRAINING");
        partitioning.start();
        DocumentContext done = await().alias("the run done").atMost(RUN_DONE).until(() -> operator("GET", 200),
            progress -> "DONE".equals(progress.read("$.state")));
        assertThat(done.<Integer>read("$.partitions")).isEqualTo(2);
        assertThat(((Number) done.read("$.tagged")).longValue()).isEqualTo(all);
        assertThat(((Number) done.read("$.passages")).longValue()).isEqualTo(all);
        assertThat((Object) done.read("$.trainedAt")).isNotNull();
        assertThat((Object) done.read("$.finishedAt")).isNotNull();

        await().alias("this instance searching by partition").atMost(Duration.ofSeconds(10))
            .until(() -> partitioning.forSearch().isPresent());
        float[] first = vectorOf(ids.getFirst());
        List<String> probes = partitioning.probes(first);
        assertThat(probes).hasSize(1).allMatch(tag -> tag.startsWith("1:"));
        List<Nearest> probed = passages.nearestByDocument(first, POEMS, null, probes);
        assertThat(probed.getFirst().documentId()).as("a passage found by its own vector").isEqualTo(ids.getFirst());
        String other = probes.getFirst().equals("1:0") ? "1:1" : "1:0";
        assertThat(passagesIn(other)).as("passages in the partition not probed").isPositive();
        for (Nearest found : probed) {
            assertThat(partitionOf(found.documentId() + "#" + found.number())).as("the probed partition's passages only")
                .isEqualTo(probes.getFirst());
        }
        for (String id : ids.subList(1, 6)) {
            float[] vector = vectorOf(id);
            assertThat(passages.nearestByDocument(vector, 5, null, partitioning.probes(vector)).getFirst()
                .documentId()).isEqualTo(id);
        }

        assertThat(search.getBean(SemanticSearch.class).nearest("思念故乡")).as("a reader's question, by partition")
            .isNotEmpty();

        String later = "later-" + UUID.randomUUID();
        List<PassageDocument> entries = embedding().entries(later, "床前明月光，疑是地上霜。\n舉頭望明月，低頭思故鄉。",
            "静夜思", "床前明月光，疑是地上霜。\n举头望明月，低头思故乡。");
        assertThat(entries.getFirst().partition()).as("tagged as the stage writes it").startsWith("1:");
        passages.apply(new PassageIndex.Changes().replace(1, entries, 0));
        assertThat(partitionOf(later + "#1")).isEqualTo(entries.getFirst().partition());
    }

    private static DocumentEmbedding embedding() {
        return search.getBean(DocumentEmbedding.class);
    }

    private static float[] vectorOf(String documentId) throws Exception {
        return passages.passage(documentId, 1).orElseThrow().vector();
    }

    private static long passagesIn(String partition) throws Exception {
        return search.getBean(ElasticsearchClient.class).count(c -> c.index(passages.alias())
            .query(q -> q.term(t -> t.field("partition").value(partition)))).count();
    }

    private static String partitionOf(String entryId) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> source = search.getBean(ElasticsearchClient.class).get(g -> g.index(passages.alias())
            .id(entryId).sourceIncludes("partition"), Map.class).source();
        return source == null ? null : (String) source.get("partition");
    }

    /** The partitioning run's progress after {@code method} as an operator, which must answer {@code status}. */
    private static DocumentContext operator(String method, int status) throws Exception {
        int port = Integer.parseInt(search.getEnvironment().getProperty("local.server.port"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/search/embeddings/partitioning")).header("Authorization", TestCallers.operator())
            .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JsonPath.parse(response.body());
    }
}
