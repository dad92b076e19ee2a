package dev.wenku.search.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import dev.wenku.support.problem.servlet.ProblemDetailsAutoConfiguration;
import dev.wenku.support.requestid.RequestIdAutoConfiguration;
import dev.wenku.support.testing.ProblemMatchers;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The search API's web layer: parameters bound and checked, the answer's shape, and every refusal as a problem
 * document of the shared catalogue (ProblemDetailsAdvice of service-support, which the slice does not load by itself).
 */
@WebMvcTest(SearchController.class)
@ExtendWith(OutputCaptureExtension.class)
@ImportAutoConfiguration({ProblemDetailsAutoConfiguration.class, RequestIdAutoConfiguration.class})
class SearchControllerTest {

    private static final SearchResult ONE_HIT = new SearchResult(1, List.of(new SearchResult.Hit("doc-1", "新質生產力",
        null, 2.5, List.of("發展<em>新質生產力</em>"), List.of("新质生产力"), List.of("technological-innovation"), "摘要。")),
        Map.of("themes", List.of(new SearchResult.FacetValue("technological-innovation", 1))));

    @Autowired
    MockMvc mvc;

    @MockitoBean
    DocumentSearch search;

    @MockitoBean
    DocumentLookup lookup;

    @Test
    void aValidSearchAnswersWithHitsAndFacetsAndPassesItsParameters() throws Exception {
        when(search.search(any())).thenReturn(ONE_HIT);
        mvc.perform(get("/api/search").param("q", "新质生产力").param("theme", "technological-innovation")
                .param("author", "李白").param("from", "10").param("size", "5").param("sort", "date"))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
            .andExpect(jsonPath("$.total").value(1))
            .andExpect(jsonPath("$.hits[0].id").value("doc-1"))
            .andExpect(jsonPath("$.hits[0].title").value("新質生產力"))
            .andExpect(jsonPath("$.hits[0].highlights[0]").value("發展<em>新質生產力</em>"))
            .andExpect(jsonPath("$.facets.themes[0].value").value("technological-innovation"))
            .andExpect(jsonPath("$.facets.themes[0].count").value(1));
        ArgumentCaptor<SearchRequest> request = ArgumentCaptor.forClass(SearchRequest.class);
        verify(search).search(request.capture());
        assertThat(request.getValue())
            .isEqualTo(new SearchRequest("新质生产力", "technological-innovation", null, null, "李白", 10, 5, "date"));
    }

    @Test
    void pagingDefaultsToTheFirstTenByRelevance() throws Exception {
        when(search.search(any())).thenReturn(ONE_HIT);
        mvc.perform(get("/api/search").param("q", "数字经济")).andExpect(status().isOk());
        ArgumentCaptor<SearchRequest> request = ArgumentCaptor.forClass(SearchRequest.class);
        verify(search).search(request.capture());
        assertThat(request.getValue()).isEqualTo(new SearchRequest("数字经济", null, null, null, null, 0, 10, "relevance"));
    }

    @Test
    void theReaderMayAskForSimplifiedScript() throws Exception {
        when(search.search(any())).thenReturn(ONE_HIT);
        mvc.perform(get("/api/search").param("q", "新质生产力").param("script", "simplified"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.hits[0].title").value("新质生产力"))
            .andExpect(jsonPath("$.hits[0].highlights[0]").value("发展<em>新质生产力</em>"));
    }

    @Test
    void aSizeOrFromThatIsNoNumberIsAnInvalidParameterNamingIt() throws Exception {
        for (String parameter : List.of("size", "from")) {
            problem(mvc.perform(get("/api/search").param("q", "a").param(parameter, "abc")), 400, "invalid_parameter")
                .andExpect(jsonPath("$.parameter").value(parameter))
                .andExpect(jsonPath("$.detail").value(parameter + " must be a whole number, got 'abc'."));
        }
        verifyNoInteractions(search);
    }

    @Test
    void aSizeOrFromTheSearchRefusesIsAnInvalidParameterNamingIt() throws Exception {
        when(search.search(any())).thenThrow(ApiException.invalidParameter("size", "size must be between 1 and 100, got 1000."));
        problem(mvc.perform(get("/api/search").param("q", "a").param("size", "1000")), 400, "invalid_parameter")
            .andExpect(jsonPath("$.parameter").value("size"))
            .andExpect(jsonPath("$.detail").value("size must be between 1 and 100, got 1000."));
    }

    @Test
    void anUnknownScriptIsAnInvalidParameterNamingIt() throws Exception {
        problem(mvc.perform(get("/api/search").param("q", "a").param("script", "klingon")), 400, "invalid_parameter")
            .andExpect(jsonPath("$.parameter").value("script"));
        problem(mvc.perform(get("/api/documents/doc-1/reading").param("script", "pinyin")), 400, "invalid_parameter")
            .andExpect(jsonPath("$.parameter").value("script"));
        verifyNoInteractions(search, lookup);
    }

    @Test
    void aQueryThatCannotBeReadIsAMalformedQuery() throws Exception {
        when(search.search(any())).thenThrow(new ApiException(ErrorCode.MALFORMED_QUERY, "A phrase is not closed."));
        problem(mvc.perform(get("/api/search").param("q", "\"全面振兴")), 400, "malformed_query")
            .andExpect(jsonPath("$.detail").value("A phrase is not closed."));
    }

    @Test
    void anElasticsearchFailureIsARetryableSearchUnavailable() throws Exception {
        when(search.search(any())).thenThrow(new IOException("Connection refused"));
        problem(mvc.perform(get("/api/search").param("q", "a")), 503, "search_unavailable")
            .andExpect(header().string("Retry-After", "5"))
            .andExpect(jsonPath("$.detail").value("Search is unavailable right now; try again shortly."));
    }

    @Test
    void aSearchElasticsearchRefusesAsInvalidIsA400LoggedInOneLine(CapturedOutput output) throws Exception {
        when(search.search(any())).thenThrow(refusal(400, "Result window is too large"));
        problem(mvc.perform(get("/api/search").param("q", "a")), 400, "invalid_request")
            .andExpect(header().doesNotExist("Retry-After"))
            .andExpect(jsonPath("$.detail").value("This search cannot be run; change the query or the paging."));
        assertThat(output.getOut()).contains("GET /api/search: Elasticsearch refused the search (400 "
            + "illegal_argument_exception: Result window is too large)");
        assertThat(output.getAll()).doesNotContain("\tat ");
    }

    @Test
    void anElasticsearchErrorAboutItselfRatherThanTheRequestIsARetryableSearchUnavailable() throws Exception {
        for (int status : List.of(404, 429, 500, 503)) {
            doThrow(refusal(status, "no")).when(search).search(any());
            problem(mvc.perform(get("/api/search").param("q", "a")), 503, "search_unavailable")
                .andExpect(header().string("Retry-After", "5"));
        }
    }

    @Test
    void aSearchThatTimedOutIsARetryableSearchUnavailable() throws Exception {
        when(search.search(any())).thenThrow(new ApiException(ErrorCode.SEARCH_UNAVAILABLE, "The search took longer"
            + " than 5000 ms; try again shortly."));
        problem(mvc.perform(get("/api/search").param("q", "a")), 503, "search_unavailable")
            .andExpect(header().string("Retry-After", "5"));
    }

    private static ElasticsearchException refusal(int status, String reason) {
        return new ElasticsearchException("es/search", ErrorResponse.of(r -> r.status(status)
            .error(e -> e.type("search_phase_execution_exception").reason("all shards failed")
                .rootCause(c -> c.type("illegal_argument_exception").reason(reason)))));
    }

    @Test
    void aDocumentThatIsNotIndexedIsNotFound() throws Exception {
        when(lookup.reading("gone")).thenThrow(new DocumentNotIndexedException("gone"));
        problem(mvc.perform(get("/api/documents/gone/reading")), 404, "not_found")
            .andExpect(jsonPath("$.instance").value("/api/documents/gone/reading"));
    }

    @Test
    void titlesFollowTheCallersLanguageAndTheRequestIdIsInTheProblem() throws Exception {
        mvc.perform(get("/api/search").param("q", "a").param("size", "x").header("Accept-Language", "zh-CN")
                .header("X-Request-Id", "reader-7"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.title").value(ErrorCode.INVALID_PARAMETER.title(Locale.CHINESE)))
            .andExpect(jsonPath("$.requestId").value("reader-7"))
            .andExpect(header().string("X-Request-Id", "reader-7"));
    }

    /** A problem document of the catalogue, with the request id the logs carry (search-service's filter). */
    private static ResultActions problem(ResultActions answer, int status, String error) throws Exception {
        return answer.andExpect(ProblemMatchers.problem(status, error)).andExpect(jsonPath("$.requestId").isNotEmpty());
    }
}
