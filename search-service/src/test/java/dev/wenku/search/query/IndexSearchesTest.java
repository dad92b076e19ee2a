package dev.wenku.search.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchRequest.Builder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.util.ObjectBuilder;
import dev.wenku.search.SearchProperties;
import dev.wenku.search.Settings;
import dev.wenku.search.index.DocumentIndex;
import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Every search is bounded in time, and one that ran out of it is not answered with partial results. */
class IndexSearchesTest {

    private final ElasticsearchClient client = mock(ElasticsearchClient.class);
    private final ArgumentCaptor<Function<Builder, ObjectBuilder<co.elastic.clients.elasticsearch.core.SearchRequest>>>
        sent = captor();

    @Test
    void aSearchGoesToTheAliasWithTheQueryTimeout() throws Exception {
        SearchResponse<Void> answer = answer(false);
        when(client.search(sent.capture(), eq(Void.class))).thenReturn(answer);
        assertSame(answer, searches("query-timeout", "1500ms").search(s -> s.size(0), Void.class));
        var request = sent.getValue().apply(new Builder()).build();
        assertEquals(List.of("wenku-documents"), request.index());
        assertEquals("1500ms", request.timeout());
    }

    @Test
    void theTimeoutIsFiveSecondsUnlessSet() throws Exception {
        when(client.search(sent.capture(), eq(Void.class))).thenReturn(answer(false));
        searches().search(s -> s.size(0), Void.class);
        assertEquals("5000ms", sent.getValue().apply(new Builder()).build().timeout());
    }

    @Test
    void aSearchThatTimedOutIsARetryableSearchUnavailable() throws Exception {
        when(client.search(any(Function.class), eq(Void.class))).thenReturn(answer(true));
        ApiException refused = assertThrows(ApiException.class, () -> searches().search(s -> s.size(0), Void.class));
        assertEquals(ErrorCode.SEARCH_UNAVAILABLE, refused.code());
        assertEquals("The search took longer than 5000 ms; try again shortly.", refused.getMessage());
    }

    private IndexSearches searches(String... settings) {
        SearchProperties properties = Settings.search(settings);
        return new IndexSearches(client, new DocumentIndex(client, properties, null, Clock.systemUTC()), properties);
    }

    private static SearchResponse<Void> answer(boolean timedOut) {
        return SearchResponse.of(r -> r.took(5).timedOut(timedOut)
            .shards(s -> s.total(1).successful(1).failed(0))
            .hits(h -> h.hits(List.of())));
    }

    @SuppressWarnings("unchecked")
    private static <T> ArgumentCaptor<T> captor() {
        return (ArgumentCaptor<T>) ArgumentCaptor.forClass(Function.class);
    }
}
