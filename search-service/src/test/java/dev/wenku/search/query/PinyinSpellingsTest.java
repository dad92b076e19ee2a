package dev.wenku.search.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import co.elastic.clients.elasticsearch._types.aggregations.TermsAggregationExecutionHint;
import co.elastic.clients.elasticsearch.core.SearchRequest.Builder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.json.JsonpDeserializer;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.util.ObjectBuilder;
import dev.wenku.search.Settings;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Which Latin words are looked up as pinyin, and that they are looked up together (the search is stubbed). */
class PinyinSpellingsTest {

    private final IndexSearches searches = mock(IndexSearches.class);

    @Test
    void theFirstDistinctLatinWordsUpToTheCapAreLookedUpInQueryOrder() {
        UserQuery query = UserQuery.parse("Xzscl 新质 \"ab cd\" xzscl ef OR gh -ij kl");
        assertEquals(List.of("xzscl", "ef", "gh"), PinyinSpellings.wordsToLookUp(query, 3));
        assertEquals(List.of("xzscl", "ef", "gh", "kl", "ij"), PinyinSpellings.wordsToLookUp(query, 8));
    }

    @Test
    void pinyinWithToneMarksOrCharactersIsLookedUpAsItsJoinedSyllables() {
        assertEquals(List.of("chuangxin", "xzscl"), PinyinSpellings.wordsToLookUp(
            UserQuery.parse("chuàngxīn 創xin 新质 \"chuang xin\" xzscl"), 8));
    }

    @Test
    @SuppressWarnings("unchecked")
    void allWordsAreLookedUpInOneSearchAndWordsPastTheCapNotAtAll() throws Exception {
        ArgumentCaptor<Function<Builder, ObjectBuilder<co.elastic.clients.elasticsearch.core.SearchRequest>>> sent =
            ArgumentCaptor.forClass(Function.class);
        when(searches.search(sent.capture(), eq(Void.class))).thenReturn(response("""
            {"xzscl": {"doc_count": 1, "sampler#sample": {"doc_count": 1, "sterms#keywords": {"buckets": [
                {"key": "新质生产力", "doc_count": 1}, {"key": "人工智能", "doc_count": 1}]}}},
             "ab": {"doc_count": 0, "sampler#sample": {"doc_count": 0, "sterms#keywords": {"buckets": []}}}}"""));
        PinyinSpellings spellings = new PinyinSpellings(searches, Settings.search("max-pinyin-words", "2"));

        Map<String, List<String>> found = spellings.of(UserQuery.parse("xzscl ab cd ef"));

        verify(searches, times(1)).search(any(), eq(Void.class));
        var request = sent.getValue().apply(new Builder()).build();
        assertEquals(List.of("xzscl", "ab"),
            List.copyOf(request.aggregations().get("words").filters().filters().keyed().keySet()));
        var sample = request.aggregations().get("words").aggregations().get("sample");
        assertEquals(500, sample.sampler().shardSize(), "the words of a word's best documents only");
        sample.aggregations().values().forEach(terms -> assertEquals(TermsAggregationExecutionHint.Map,
            terms.terms().executionHint(), "value by value, not on the vocabulary's global ordinals"));
        assertEquals(Map.of("xzscl", List.of("新质生产力"), "ab", List.of()), found,
            "only keywords the word spells; cd and ef are not looked up");
    }

    @Test
    void aQueryWithoutLatinWordsCostsNoSearch() throws Exception {
        PinyinSpellings spellings = new PinyinSpellings(searches, Settings.search());
        assertEquals(Map.of(), spellings.of(UserQuery.parse("新质生产力 \"abc\"")));
        verify(searches, times(0)).search(any(), any());
    }

    /** A search response whose {@code words} filters aggregation has these (typed) buckets. */
    private static SearchResponse<Void> response(String buckets) {
        String json = """
            {"took": 1, "timed_out": false, "_shards": {"total": 1, "successful": 1, "failed": 0},
             "hits": {"total": {"value": 1, "relation": "eq"}, "hits": []},
             "aggregations": {"filters#words": {"buckets": %s}}}""".formatted(buckets);
        JsonpMapper mapper = new Jackson3JsonpMapper();
        return SearchResponse.createSearchResponseDeserializer(JsonpDeserializer.<Void>of(Void.class))
            .deserialize(mapper.jsonProvider().createParser(new StringReader(json)), mapper);
    }
}
