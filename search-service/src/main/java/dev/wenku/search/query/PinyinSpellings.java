package dev.wenku.search.query;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import dev.wenku.search.index.DocumentIndex;
import dev.wenku.text.PinyinText;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The Chinese keywords a Latin query word spells, in full pinyin ({@code xinzhishengchanli}) or initials
 * ({@code xzscl}): 新质生产力. Searching for them too finds the documents that contain the word without having it as a
 * keyword, and lets Elasticsearch highlight the word in the text, as for a query typed in characters.
 */
@Component
class PinyinSpellings {

    /** Most keywords read per word; the documents a pinyin word matches rarely have more distinct keywords. */
    private static final int KEYWORDS_READ = 200;

    private final ElasticsearchClient client;
    private final DocumentIndex index;

    PinyinSpellings(ElasticsearchClient client, DocumentIndex index) {
        this.client = client;
        this.index = index;
    }

    /** For each word of {@code query} that may be pinyin, the keywords it spells (none: an empty list). */
    Map<String, List<String>> of(UserQuery query) throws IOException {
        Map<String, List<String>> spellings = new HashMap<>();
        List<String> words = Stream.concat(query.required().stream().flatMap(List::stream), query.excluded().stream())
            .filter(UserQuery.Term::mayBePinyin).map(term -> term.text().toLowerCase(Locale.ROOT)).distinct().toList();
        for (String word : words) {
            spellings.put(word, keywordsSpelledBy(word));
        }
        return spellings;
    }

    private List<String> keywordsSpelledBy(String word) throws IOException {
        SearchResponse<Void> response = client.search(s -> s.index(index.alias()).size(0)
            .query(q -> q.bool(b -> b.should(m -> m.term(t -> t.field("pinyin").value(word)))
                .should(m -> m.term(t -> t.field("pinyinInitials").value(word)))))
            .aggregations("keywords", a -> a.terms(t -> t.field("keywords").size(KEYWORDS_READ))), Void.class);
        return response.aggregations().get("keywords").sterms().buckets().array().stream()
            .map(bucket -> bucket.key().stringValue())
            .filter(keyword -> word.equals(PinyinText.joined(keyword)) || word.equals(PinyinText.initials(keyword)))
            .toList();
    }
}
