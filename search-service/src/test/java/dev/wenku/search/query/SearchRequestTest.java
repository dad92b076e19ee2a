package dev.wenku.search.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import org.junit.jupiter.api.Test;

/** The checks a search passes before Elasticsearch is asked. */
class SearchRequestTest {

    private static final int MAX_PAGE_SIZE = 100;

    @Test
    void theLastPageWithinElasticsearchsResultWindowIsAccepted() {
        page(9990, 10).validate(MAX_PAGE_SIZE);
        page(9900, 100).validate(MAX_PAGE_SIZE);
    }

    @Test
    void aPagePastTheResultWindowIsAnInvalidFromNamingTheLimit() {
        for (int from : new int[] {9991, 10_000, Integer.MAX_VALUE}) {
            ApiException refused = assertThrows(ApiException.class, () -> page(from, 10).validate(MAX_PAGE_SIZE));
            assertEquals(ErrorCode.INVALID_PARAMETER, refused.code());
            assertEquals("from", refused.properties().get("parameter"));
            assertEquals("from + size must be at most 10000 (the deepest a search reaches), got " + from + " + 10.",
                refused.getMessage());
        }
    }

    @Test
    void aSizeOutOfRangeIsNamedBeforeTheWindow() {
        ApiException refused = assertThrows(ApiException.class, () -> page(9999, 1000).validate(MAX_PAGE_SIZE));
        assertEquals("size", refused.properties().get("parameter"));
    }

    @Test
    void theModeIsHybridWhereMeaningIsSearchedAndLexicalElsewhereUnlessOneIsAskedFor() {
        assertEquals(SearchMode.HYBRID, mode(null).mode(true));
        assertEquals(SearchMode.LEXICAL, mode(null).mode(false));
        assertEquals(SearchMode.SEMANTIC, mode("Semantic").mode(true));
        assertEquals(SearchMode.LEXICAL, mode("lexical").mode(true));
        assertEquals(SearchMode.LEXICAL, mode("lexical").mode(false));
    }

    @Test
    void anUnknownModeOrSearchByMeaningWhereThereAreNoVectorsIsAnInvalidMode() {
        ApiException unknown = assertThrows(ApiException.class, () -> mode("fuzzy").mode(true));
        assertEquals("mode", unknown.properties().get("parameter"));
        assertEquals("mode must be lexical, semantic or hybrid, got 'fuzzy'.", unknown.getMessage());
        for (String meaning : new String[] {"semantic", "hybrid"}) {
            ApiException off = assertThrows(ApiException.class, () -> mode(meaning).mode(false));
            assertEquals(ErrorCode.INVALID_PARAMETER, off.code());
            assertEquals("mode", off.properties().get("parameter"));
        }
    }

    private static SearchRequest mode(String mode) {
        return new SearchRequest("新", null, null, null, null, 0, 10, "relevance", true, mode);
    }

    private static SearchRequest page(int from, int size) {
        return new SearchRequest("新", null, null, null, null, from, size, "relevance");
    }
}
