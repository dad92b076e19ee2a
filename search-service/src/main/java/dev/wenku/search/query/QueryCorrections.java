package dev.wenku.search.query;

import co.elastic.clients.elasticsearch._types.SuggestMode;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.FieldSuggester;
import co.elastic.clients.elasticsearch.core.search.Suggestion;
import co.elastic.clients.elasticsearch.core.search.TermSuggestOption;
import dev.wenku.text.HanText;
import dev.wenku.text.SimplifiedScript;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * "Did you mean": the query a reader probably meant when theirs finds nothing. Each word to find that no
 * document has is replaced by the closest word the corpus has, if there is one close enough: a word in characters by
 * a segmented word of the texts one character away ({@code 新质生厂力} → 新质生产力; three characters or more), a
 * word in pinyin by the pinyin of such a word, a title, an author or a keyword up to two letters away
 * ({@code chuangxing} → chuangxin, {@code shuzijinji} → shuzijingji). All words are looked up in one request of
 * Elasticsearch term suggesters, which read the fields' term dictionaries (Levenshtein automata), not the documents.
 */
@Component
class QueryCorrections {

    /** Longest word in characters worth correcting: a word, not a sentence (a line of a poem is not one word). */
    private static final int MAX_WORD_CHARACTERS = 12;
    /** Shortest: one character of two changed is another word (月光, 日光), not a typo. */
    private static final int MIN_WORD_CHARACTERS = 3;
    private static final int MIN_PINYIN_LETTERS = 4;
    /** The segmented words of the texts ({@code 新质生产力}). */
    private static final String WORDS = "words";
    /** The pinyin of each segmented word ({@code chuangxin}), and of titles, authors and keywords. */
    private static final String SPELLINGS = "wordSpellings";

    private final IndexSearches searches;

    QueryCorrections(IndexSearches searches) {
        this.searches = searches;
    }

    /** The query with its unknown words corrected, or empty when no word has a correction. */
    Optional<UserQuery> of(UserQuery query) throws IOException {
        Map<String, UserQuery.Term> byName = new LinkedHashMap<>();
        Map<String, FieldSuggester> suggesters = new LinkedHashMap<>();
        // The words to find made the query find nothing; an excluded word, misspelt or not, takes nothing away.
        List<UserQuery.Term> terms = query.required().stream().flatMap(List::stream)
            .filter(QueryCorrections::correctable).distinct().toList();
        for (UserQuery.Term term : terms) {
            String name = "t" + byName.size();
            byName.put(name, term);
            suggesters.put(name, term.mayBePinyin()
                ? suggester(term.text().toLowerCase(Locale.ROOT), SPELLINGS, 2, 1, MIN_PINYIN_LETTERS)
                : suggester(SimplifiedScript.of(term.text()), WORDS, 1, 0, MIN_WORD_CHARACTERS));
        }
        if (suggesters.isEmpty()) {
            return Optional.empty();
        }
        SearchResponse<Void> response = searches.search(s -> s.size(0)
            .suggest(sg -> sg.suggesters(suggesters)), Void.class);
        Map<UserQuery.Term, UserQuery.Term> corrections = new LinkedHashMap<>();
        byName.forEach((name, term) -> firstOption(response.suggest().get(name)).ifPresent(option ->
            corrections.put(term, new UserQuery.Term(option.text(), term.phrase(), term.field()))));
        return corrections.isEmpty() ? Optional.empty() : Optional.of(query.replacing(corrections));
    }

    /** Words (not phrases, not a field's) of pinyin letters, or of two to a dozen Han characters. */
    static boolean correctable(UserQuery.Term term) {
        if (term.phrase() || term.field() != UserQuery.Field.ANY) {
            return false;
        }
        if (term.mayBePinyin()) {
            return term.text().length() >= MIN_PINYIN_LETTERS;
        }
        int length = term.text().codePointCount(0, term.text().length());
        return length >= MIN_WORD_CHARACTERS && length <= MAX_WORD_CHARACTERS && HanText.isHanOnly(term.text());
    }

    /**
     * The closest term of {@code field} within {@code maxEdits}, suggested only when {@code text} itself is not a term
     * of it; the first {@code prefixLength} characters must be right.
     */
    private static FieldSuggester suggester(String text, String field, int maxEdits, int prefixLength,
                                            int minLength) {
        return FieldSuggester.of(f -> f.text(text).term(t -> t.field(field).maxEdits(maxEdits)
            .prefixLength(prefixLength).minWordLength(minLength).suggestMode(SuggestMode.Missing).size(1)));
    }

    private static Optional<TermSuggestOption> firstOption(List<Suggestion<Void>> suggestions) {
        if (suggestions == null) {
            return Optional.empty();
        }
        return suggestions.stream().filter(Suggestion::isTerm)
            .flatMap(suggestion -> suggestion.term().options().stream()).findFirst();
    }
}
