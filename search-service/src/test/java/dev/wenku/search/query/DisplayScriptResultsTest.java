package dev.wenku.search.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.wenku.events.DocumentAnalyzed;
import dev.wenku.search.index.IndexedDocument;
import dev.wenku.text.DisplayScript;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DisplayScriptResultsTest {

    private static final SearchResult RESULT = new SearchResult(1, List.of(new SearchResult.Hit("a", "新質生產力", "陸游", 1.5,
        List.of("培育發展<em>新質</em><em>生產力</em>&quot;"), List.of("新质生产力"), List.of("talent"), "隨著發展。")),
        Map.of("themes", List.of(new SearchResult.FacetValue("talent", 1)),
            "entities", List.of(new SearchResult.FacetValue("黑龍江", 1)),
            "authors", List.of(new SearchResult.FacetValue("陸游", 1))));

    @Test
    void aSearchAnswerShownSimplifiedConvertsItsTextAndKeepsTagsIdsAndThemes() {
        SearchResult shown = RESULT.in(DisplayScript.SIMPLIFIED);
        SearchResult.Hit hit = shown.hits().getFirst();
        assertEquals("新质生产力", hit.title());
        assertEquals("陆游", hit.author());
        assertEquals("陆游", shown.facets().get("authors").getFirst().value());
        assertEquals(List.of("培育发展<em>新质</em><em>生产力</em>&quot;"), hit.highlights());
        assertEquals("随着发展。", hit.summary());
        assertEquals(List.of("talent"), hit.themes());
        assertEquals("黑龙江", shown.facets().get("entities").getFirst().value());
        assertEquals("talent", shown.facets().get("themes").getFirst().value());
        assertEquals(1.5, hit.score());
    }

    @Test
    void theOriginalScriptChangesNothing() {
        assertSame(RESULT, RESULT.in(DisplayScript.ORIGINAL));
    }

    @Test
    void theReadingViewShownTraditionalConvertsTheAnalysisTextButNotItsIdsOrPinyin() {
        DocumentLookup.Reading reading = new DocumentLookup.Reading("a", 1, "数字经济", "陆游", "发展数字经济。", "摘要。",
            List.of("现代化产业体系"), new IndexedDocument.Details(
                List.of(new DocumentAnalyzed.Keyword("数字经济", 0.9, "shuzijingji")),
                List.of(new DocumentAnalyzed.Entity("黑龙江", "PLACE", 2)),
                List.of(new DocumentAnalyzed.Theme("industrial-upgrading", "产业升级", 0.7))), "editor", List.of("经济"));
        DocumentLookup.Reading shown = reading.in(DisplayScript.TRADITIONAL);
        assertEquals("數字經濟", shown.title());
        assertEquals("陸游", shown.author());
        assertEquals("發展數字經濟。", shown.body());
        assertEquals(List.of("現代化產業體系"), shown.keyPhrases());
        assertEquals(new DocumentAnalyzed.Keyword("數字經濟", 0.9, "shuzijingji"), shown.analysis().keywords().getFirst());
        assertEquals(new DocumentAnalyzed.Entity("黑龍江", "PLACE", 2), shown.analysis().entities().getFirst());
        assertEquals(new DocumentAnalyzed.Theme("industrial-upgrading", "產業升級", 0.7), shown.analysis().themes().getFirst());
        assertEquals(List.of("经济"), shown.tags(), "editors' tags are shown as given");
    }
}
