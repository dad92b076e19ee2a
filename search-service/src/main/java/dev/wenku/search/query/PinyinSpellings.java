package dev.wenku.search.query;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.FiltersBucket;
import co.elastic.clients.elasticsearch._types.aggregations.TermsAggregationExecutionHint;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import dev.wenku.search.SearchProperties;
import dev.wenku.text.PinyinText;
import dev.wenku.text.SimplifiedScript;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The Chinese keywords a Latin query word spells, in full pinyin ({@code xinzhishengchanli}) or initials
 * ({@code xzscl}): 新质生产力; and the words of the texts it spells in full ({@code chuangxin}, also typed
 * {@code chuàngxīn} or {@code 创xin}: 创新). Searching for them too finds the documents that contain the word without
 * having it as a keyword, and lets Elasticsearch highlight the word in the text, as for a query typed in characters.
 * <p>
 * All words are looked up in one search, a filter bucket per word with the keywords of its documents, and only the
 * first {@code wenku.search.max-pinyin-words} of them: a search per word made a query of many short Latin words (any
 * two letters may be initials) cost dozens of searches.
 * <p>
 * Each bucket reads the words of its best {@value #DOCUMENTS_READ} documents only, value by value ({@code map}
 * execution): by default a terms aggregation works on the field's global ordinals, which Elasticsearch rebuilds
 * after every refresh and, with an {@code include} pattern, matches against every distinct word of the corpus, so a
 * pinyin query cost time in proportion to the corpus's vocabulary, every second while documents arrive.
 */
@Component
class PinyinSpellings {

    /** Most keywords read per word; the documents a pinyin word matches rarely have more distinct keywords. */
    private static final int KEYWORDS_READ = 200;
    /**
     * Documents read per word for its spellings: the best matches, enough to find the words a pinyin spells (there
     * are few) without reading every document of a common word.
     */
    private static final int DOCUMENTS_READ = 500;
    private static final String SAMPLE = "sample";
    private static final String WORDS = "words";
    private static final String KEYWORDS = "keywords";
    private static final String TEXT_WORDS = "textWords";
    /** {@code <pinyin>|<word>} of each word of a text ({@code chuangxin|创新}). */
    private static final String WORD_PINYIN = "wordPinyin";

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
            .should(m -> m.term(t -> t.field("pinyinInitials").value(word)))
            .should(m -> m.prefix(p -> p.field(WORD_PINYIN).value(word + "|")))))));
        SearchResponse<Void> response = searches.search(s -> s.size(0)
            .query(q -> q.bool(b -> b.should(List.copyOf(spelledBy.values()))))
            .aggregations(WORDS, a -> a.filters(f -> f.filters(buckets -> buckets.keyed(spelledBy)))
                .aggregations(SAMPLE, sample -> sample.sampler(sampler -> sampler.shardSize(DOCUMENTS_READ))
                    .aggregations(KEYWORDS, k -> k.terms(t -> t.field(KEYWORDS).size(KEYWORDS_READ)
                        .executionHint(TermsAggregationExecutionHint.Map)))
                    .aggregations(TEXT_WORDS, k -> k.terms(t -> t.field(WORD_PINYIN).size(KEYWORDS_READ)
                        .executionHint(TermsAggregationExecutionHint.Map)
                        .include(i -> i.regexp("(" + String.join("|", words) + ")\\|.*")))))), Void.class);
        Map<String, FiltersBucket> buckets = response.aggregations().get(WORDS).filters().buckets().keyed();
        Map<String, List<String>> spellings = new LinkedHashMap<>();
        for (String word : words) {
            Map<String, Aggregate> found = buckets.get(word).aggregations().get(SAMPLE).sampler().aggregations();
            Set<String> spelled = new LinkedHashSet<>();
            terms(found.get(KEYWORDS))
                .filter(keyword -> word.equals(PinyinText.joined(keyword)) || word.equals(PinyinText.initials(keyword)))
                .forEach(spelled::add);
            // Initials would spell dozens of a text's words (cx: 创新, 持续, 出现 …): only full pinyin.
            terms(found.get(TEXT_WORDS)).filter(spelling -> spelling.startsWith(word + "|"))
                .map(spelling -> spelling.substring(word.length() + 1)).forEach(spelled::add);
            spellings.put(word, List.copyOf(spelled));
        }
        return spellings;
    }

    private static Stream<String> terms(Aggregate aggregate) {
        return aggregate == null ? Stream.empty()
            : aggregate.sterms().buckets().array().stream().map(bucket -> bucket.key().stringValue());
    }

    /**
     * What {@code term} is looked up as: its letters in lower case when it is letters only (full pinyin or
     * initials), its syllables joined when it is pinyin with tone marks or mixed with characters
     * ({@code chuàngxīn}, {@code 创xin} → {@code chuangxin}); null when it is neither, a phrase, or for one field.
     */
    static String lookupKey(UserQuery.Term term) {
        if (term.field() != UserQuery.Field.ANY) {
            return null;
        }
        if (term.mayBePinyin()) {
            return term.text().toLowerCase(Locale.ROOT);
        }
        if (term.phrase() || !UserQuery.hasLatinLetters(term.text())) {
            return null;
        }
        List<String> syllables = PinyinText.typedSyllables(SimplifiedScript.of(term.text()));
        return syllables.size() < 2 ? null : String.join("", syllables);
    }

    /** The distinct words of {@code query} that may be pinyin, lower case, in query order: the first {@code max}. */
    static List<String> wordsToLookUp(UserQuery query, int max) {
        return Stream.concat(query.required().stream().flatMap(List::stream), query.excluded().stream())
            .map(PinyinSpellings::lookupKey).filter(Objects::nonNull).distinct().limit(max).toList();
    }
}
