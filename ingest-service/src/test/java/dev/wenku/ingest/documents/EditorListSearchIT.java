package dev.wenku.ingest.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wenku.ingest.support.IngestClient;
import dev.wenku.ingest.support.IngestClient.Answer;
import dev.wenku.ingest.support.IngestServiceTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The editors' list finds a document by a part of its title, in either script, and narrows by status, source, tag,
 * author and date, in the order asked for. Its own database: the list holds exactly what this class uploaded.
 */
@IngestServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EditorListSearchIT {

    @Autowired
    IngestClient client;

    @BeforeAll
    void upload() throws Exception {
        upload("培育發展新質生產力", "人民日报", "李明", "经济", "正文一。");
        upload("数字经济的新赛道", "光明日报", "王芳", "经济", "正文二。");
        upload("静夜思", "唐诗三百首", "李白", "诗", "床前明月光，疑是地上霜。");
        upload("Spring 与 Kafka 入门", "技术博客", "张三", "技术", "正文四。");
    }

    private void upload(String title, String source, String author, String tag, String body) throws Exception {
        Answer answer = client.postJson("{\"title\":\"" + title + "\",\"body\":\"" + body + "\",\"source\":\"" + source
            + "\",\"author\":\"" + author + "\",\"tags\":[\"" + tag + "\"]}");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
    }

    private List<String> titles(String query) throws Exception {
        Answer list = client.list(query);
        assertThat(list.status()).as(list.raw()).isEqualTo(200);
        return list.body().path("documents").findValuesAsString("title");
    }

    private static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void aTitleIsFoundByAnyPartOfItInSimplifiedOrTraditionalScript() throws Exception {
        assertThat(titles(q("新质生产力"))).containsExactly("培育發展新質生產力");
        assertThat(titles(q("新質"))).containsExactly("培育發展新質生產力");
        assertThat(titles(q("新"))).containsExactlyInAnyOrder("培育發展新質生產力", "数字经济的新赛道");
        assertThat(titles(q("kafka"))).containsExactly("Spring 与 Kafka 入门");
        assertThat(titles(q("静夜"))).containsExactly("静夜思");
        assertThat(titles(q("不存在的标题"))).isEmpty();
        assertThat(titles(q("100%_"))).isEmpty();
    }

    @Test
    void filtersNarrowTheListAndCombine() throws Exception {
        assertThat(titles("author=" + URLEncoder.encode("李白", StandardCharsets.UTF_8))).containsExactly("静夜思");
        assertThat(titles("tag=" + URLEncoder.encode("经济", StandardCharsets.UTF_8)))
            .containsExactlyInAnyOrder("培育發展新質生產力", "数字经济的新赛道");
        assertThat(titles("tag=" + URLEncoder.encode("经济", StandardCharsets.UTF_8) + "&"
            + q("数字"))).containsExactly("数字经济的新赛道");
        assertThat(titles("source=" + URLEncoder.encode("唐诗三百首", StandardCharsets.UTF_8))).containsExactly("静夜思");
        assertThat(titles("since=2000-01-01")).hasSize(4);
        assertThat(titles("until=2000-01-01")).isEmpty();
    }

    @Test
    void theListIsOrderedByTitleInPinyinOrder() throws Exception {
        // jingyesi, peiyu…, shuzi…, spring…
        assertThat(titles("sort=title")).containsExactly("静夜思", "培育發展新質生產力", "数字经济的新赛道",
            "Spring 与 Kafka 入门");
        JsonNode list = client.list("sort=updated&size=1").body();
        assertThat(list.path("total").asInt()).isEqualTo(4);
        assertThat(list.path("totalRelation").asString()).isEqualTo("eq");
        assertThat(list.path("more").asBoolean()).isTrue();
        assertThat(list.path("documents").size()).isEqualTo(1);
        JsonNode last = client.list("sort=updated&size=1&from=3").body();
        assertThat(last.path("more").asBoolean()).isFalse();
        assertThat(last.path("total").asInt()).isEqualTo(4);
        JsonNode beyond = client.list("sort=updated&size=1&from=4").body();
        assertThat(beyond.path("documents").size()).isZero();
        assertThat(beyond.path("total").asInt()).as("counted although the page is empty").isEqualTo(4);
    }

    @Test
    void badFiltersAreInvalidParametersNamingThem() throws Exception {
        assertThat(client.list("sort=popularity").text("parameter")).isEqualTo("sort");
        assertThat(client.list("status=DONE").text("parameter")).isEqualTo("status");
        assertThat(client.list("since=yesterday").text("parameter")).isEqualTo("since");
    }
}
