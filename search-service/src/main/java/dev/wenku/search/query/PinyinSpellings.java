package dev.wenku.search.query;

import co.elastic.clients.elasticsearch._types.aggregations.FiltersBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import dev.wenku.search.SearchProperties;
import dev.wenku.text.PinyinText;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The Chinese keywords a Latin query word spells, in full pinyin ({@code xinzhishengchanli}) or initials
 * ({@code xzscl}): 新质生产力. Searching for them too finds the documents that contain the word without having it as a
 * keyword, and lets Elasticsearch highlight the word in the text, as for a query typed in characters.
 * <p>
 * All words are looked up in one search, a filter bucket per word with the keywords of its documents, and only the
 * first {@code wenku.search.max-pinyin-words} of them: a search per word made a query of many short Latin words (any
 * two letters may be initials) cost dozens of searches.
 */
@Component
class PinyinSpellings {

    /** Most keywords read per word; the documents a pinyin word matches rarely have more distinct keywords. */
    private static final int KEYWORDS_READ = 200;
    private static final String WORDS = "words";
    private static final String KEYWORDS = "keywords";

    private final IndexSearches searches;
    private final int maxWords;

    PinyinSpellings(IndexSearches searches, SearchProperties properties) {
        this.searches = searches;
        this.maxWords = properties.maxPinyinWords();
    }

    /**
     * For each word of {@code query} looked up as pinyin ({@link #wordsToLookUp}), the keywords it spells (none: an
     * empty list). Words without an entry are to be searched as plain text.
     */
    Map<String, List<String>> of(UserQuery query) throws IOException {
        List<String> words = wordsToLookUp(query, maxWords);
        if (words.isEmpty()) {
            return Map.of();
        }
        Map<String, Query> spelledBy = new LinkedHashMap<>();
        words.forEach(word -> spelledBy.put(word, Query.of(q -> q.bool(b -> b
            .should(m -> m.term(t -> t.field("pinyin").value(word)))
            .should(m -> m.term(t -> t.field("pinyinInitials").value(word)))))));
        SearchResponse<Void> response = searches.search(s -> s.size(0)
            .query(q -> q.bool(b -> b.should(List.copyOf(spelledBy.values()))))
            .aggregations(WORDS, a -> a.filters(f -> f.filters(buckets -> buckets.keyed(spelledBy)))
                .aggregations(KEYWORDS, k -> k.terms(t -> t.field(KEYWORDS).size(KEYWORDS_READ)))), Void.class);
        Map<String, FiltersBucket> buckets = response.aggregations().get(WORDS).filters().buckets().keyed();
        Map<String, List<String>> spellings = new LinkedHashMap<>();
        for (String word : words) {
            spellings.put(word, buckets.get(word).aggregations().get(KEYWORDS).sterms().buckets().array().stream()
                .map(bucket -> bucket.key().stringValue())
                .filter(keyword -> word.equals(PinyinText.joined(keyword)) || word.equals(PinyinText.initials(keyword)))
                .toList());
        }
        return spellings;
    }

    /** The distinct words of {@code query} that may be pinyin, lower case, in query order: the first {@code max}. */
    static List<String> wordsToLookUp(UserQuery query, int max) {
        return Stream.concat(query.required().stream().flatMap(List::stream), query.excluded().stream())
            .filter(UserQuery.Term::mayBePinyin).map(term -> term.text().toLowerCase(Locale.ROOT)).distinct()
            .limit(max).toList();
    }
}
