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
 * PostgreSQL's estimate ({@code about}); a short list is still counted exactly. 6,000 documents are written straight
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

    private static List<String> titles(JsonNode page) {
        return page.path("documents").findValuesAsString("title");
    }
}
