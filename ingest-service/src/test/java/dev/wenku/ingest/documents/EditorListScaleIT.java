package dev.wenku.ingest.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wenku.ingest.support.IngestClient;
import dev.wenku.ingest.support.IngestServiceTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A list too long to count: beyond a few thousand matches, a page is read along the order's index and the total is
 * PostgreSQL's estimate ({@code about}); a short list is still counted exactly; a status, and the order by status,
 * list their documents in order whether a page is walked or gathered. 6,000 documents are written straight
 * into this class's own database (uploading them would test the pipeline, not the list), then analysed, as
 * autovacuum would, so the planner knows them.
 */
@IngestServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EditorListScaleIT {

    private static final int DOCUMENTS = 6_000;

    @Autowired
    IngestClient client;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    void fill() {
        // Titles 标题00001 … 标题06000, the newest first by number; every 500th also has 稀 in its title.
        jdbc.update("""
            insert into document (id, current_version, title, title_simplified, title_terms, title_sort, status,
                                  created_at, created_by, updated_at, updated_by)
            select 'scale' || g, 1, t, t, array['标', '题', '标题'] || case when g % 500 = 0 then array['稀'] else '{}' end,
                   'biaoti ' || t, 'INDEXED', now(), 'editor', now() - g * interval '1 minute', 'editor'
            from generate_series(1, ?) g, lateral (select '标题' || lpad(g::text, 5, '0')
                || case when g % 500 = 0 then '稀' else '' end as t) title""", DOCUMENTS);
        jdbc.update("""
            insert into document_version (document_id, version, title, body, content_hash, status, status_at,
                                          created_at, created_by)
            select id, 1, title, '正文', md5(id), status, updated_at, created_at, created_by from document
            where id like 'scale%'""");
        // Some are not indexed: every 10th failed, and the 7th, 8th and 9th of each 1,000 analysed, received and
        // deleted.
        jdbc.update("update document set status = 'FAILED', status_reason = 'boom' where id like 'scale%'"
            + " and substr(id, 6)::int % 10 = 0");
        jdbc.update("update document set status = case substr(id, 6)::int % 1000 when 7 then 'ANALYZED'"
            + " when 8 then 'RECEIVED' else 'DELETED' end where id like 'scale%' and substr(id, 6)::int % 1000 in (7, 8, 9)");
        jdbc.execute("analyze document");
    }

    @Test
    void aLongListIsPagedInOrderWithAnEstimatedTotal() throws Exception {
        JsonNode first = client.list("size=50").body();
        assertThat(first.path("totalRelation").asString()).isEqualTo("about");
        assertThat(first.path("total").asLong()).isBetween(DOCUMENTS * 8L / 10, DOCUMENTS * 12L / 10);
        assertThat(first.path("more").asBoolean()).isTrue();
        assertThat(titles(first)).startsWith("标题00001", "标题00002");

        List<String> pages = new ArrayList<>();
        for (int from = 0; from < 1_000; from += 200) {
            pages.addAll(titles(client.list("size=200&from=" + from).body()));
        }
        assertThat(pages).hasSize(1_000).doesNotHaveDuplicates().isSorted();
        JsonNode last = client.list("size=50&from=950").body();
        assertThat(last.path("more").asBoolean()).as("the window ends at 1,000").isFalse();
        assertThat(client.list("size=50&from=951").status()).isEqualTo(400);
    }

    @Test
    void aShortListAmongThemIsCountedExactly() throws Exception {
        JsonNode rare = client.list("q=%E7%A8%80&sort=title").body();
        assertThat(rare.path("totalRelation").asString()).isEqualTo("eq");
        assertThat(rare.path("total").asInt()).isEqualTo(DOCUMENTS / 500);
        assertThat(titles(rare)).hasSize(DOCUMENTS / 500).isSorted().allMatch(t -> t.endsWith("稀"));
    }

    @Test
    void aStatusListsItsDocumentsLastChangedFirstAndCountsThem() throws Exception {
        // The first page is walked along the list's order, later ones gathered: one list all the same.
        List<String> failed = new ArrayList<>();
        for (int from = 0; from < DOCUMENTS / 10; from += 50) {
            JsonNode page = client.list("status=failed&size=50&from=" + from).body();
            assertThat(page.path("totalRelation").asString()).isEqualTo("eq");
            assertThat(page.path("total").asInt()).isEqualTo(DOCUMENTS / 10);
            assertThat(page.path("documents").findValuesAsString("status")).containsOnly("FAILED");
            failed.addAll(titles(page));
        }
        assertThat(failed).containsExactlyElementsOf(everyTenth());

        assertThat(titles(client.list("status=analyzed").body())).containsExactly("标题00007", "标题01007",
            "标题02007", "标题03007", "标题04007", "标题05007");
        assertThat(client.list("status=deleted").body().path("total").asInt()).isEqualTo(DOCUMENTS / 1000);
        JsonNode indexed = client.list("status=indexed&size=50").body();
        assertThat(indexed.path("totalRelation").asString()).isEqualTo("about");
        assertThat(titles(indexed)).hasSize(50).isSorted().startsWith("标题00001", "标题00002")
            .doesNotContain("标题00007", "标题00008", "标题00009");
    }

    @Test
    void theListByStatusWalksEachStatusLastChangedFirst() throws Exception {
        // ANALYZED, FAILED, INDEXED, RECEIVED (deleted documents only when asked for), each last changed first.
        List<String> byStatus = new ArrayList<>();
        for (int from = 0; from < 1_000; from += 200) {
            byStatus.addAll(titles(client.list("sort=status&size=200&from=" + from).body()));
        }
        List<String> expected = new ArrayList<>();
        for (int n = 7; n <= DOCUMENTS; n += 1_000) {
            expected.add(title(n));
        }
        expected.addAll(everyTenth());
        for (int n = 1; expected.size() < 1_000; n++) {
            if (n % 10 != 0 && !List.of(7, 8, 9).contains(n % 1_000)) {
                expected.add(title(n));
            }
        }
        assertThat(byStatus).containsExactlyElementsOf(expected);
        // The same with a filter every document passes (tested on the rows the walk reads).
        assertThat(titles(client.list("sort=status&size=100&from=50&since=2000-01-01").body()))
            .containsExactlyElementsOf(expected.subList(50, 150));

        JsonNode withDeleted = client.list("sort=status&includeDeleted=true&size=20").body();
        assertThat(withDeleted.path("documents").findValuesAsString("status")).startsWith("ANALYZED", "ANALYZED",
            "ANALYZED", "ANALYZED", "ANALYZED", "ANALYZED", "DELETED", "DELETED", "DELETED", "DELETED", "DELETED",
            "DELETED", "FAILED");
    }

    /** The titles of every 10th document (the failed ones), last changed first. */
    private static List<String> everyTenth() {
        List<String> titles = new ArrayList<>();
        for (int n = 10; n <= DOCUMENTS; n += 10) {
            titles.add(title(n));
        }
        return titles;
    }

    private static String title(int n) {
        return "标题" + String.format("%05d", n) + (n % 500 == 0 ? "稀" : "");
    }

    private static List<String> titles(JsonNode page) {
        return page.path("documents").findValuesAsString("title");
    }
}
