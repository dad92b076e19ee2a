package dev.wenku.search.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import co.elastic.clients.elasticsearch.core.SearchRequest.Builder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.FieldSuggester;
import co.elastic.clients.json.JsonpDeserializer;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.util.ObjectBuilder;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class QueryCorrectionsTest {

    private final IndexSearches searches = mock(IndexSearches.class);

    @Test
    @SuppressWarnings("unchecked")
    void onlyTheWordsToFindAreLookedUpNotTheExcludedOnes() throws Exception {
        ArgumentCaptor<Function<Builder, ObjectBuilder<co.elastic.clients.elasticsearch.core.SearchRequest>>> sent =
            ArgumentCaptor.forClass(Function.class);
        when(searches.search(sent.capture(), eq(Void.class))).thenReturn(emptyResponse());

        Optional<UserQuery> corrected = new QueryCorrections(searches).of(UserQuery.parse("新质生厂力 -东北方向"));

        var request = sent.getValue().apply(new Builder()).build();
        assertEquals(List.of("新质生厂力"), request.suggest().suggesters().values().stream()
            .map(FieldSuggester::text).toList(), "an excluded word takes nothing away from the results");
        assertEquals(Optional.empty(), corrected, "nothing suggested, nothing corrected");
    }

    private static SearchResponse<Void> emptyResponse() {
        String json = """
            {"took": 1, "timed_out": false, "_shards": {"total": 1, "successful": 1, "failed": 0},
             "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}}""";
        JsonpMapper mapper = new Jackson3JsonpMapper();
        return SearchResponse.createSearchResponseDeserializer(JsonpDeserializer.<Void>of(Void.class))
            .deserialize(mapper.jsonProvider().createParser(new StringReader(json)), mapper);
    }
}
