package dev.wenku.analysis.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the engine finds in one document.
 *
 * @param keywords      best keywords first, weights in (0, 1]
 * @param keyPhrases    multi-word phrases (2–4 words), best first
 * @param summary       extractive summary: the chosen sentences in document order, joined
 * @param entities      people, places and organisations with their counts, most frequent first
 * @param themes        taxonomy themes present in the document, best first
 * @param titlePinyin   pinyin of the title without tones, syllables separated by spaces
 * @param keywordPinyin pinyin of each keyword, syllables joined ({@code 新质生产力 → xinzhishengchanli})
 * @param terms         distinct content terms of title and body, for document frequencies
 */
public record DocumentAnalysis(List<WeightedTerm> keywords, List<String> keyPhrases, String summary,
                               List<EntityCount> entities, List<ThemeScore> themes, String titlePinyin,
                               Map<String, String> keywordPinyin, Set<String> terms) {

    public DocumentAnalysis {
        keywords = List.copyOf(keywords);
        keyPhrases = List.copyOf(keyPhrases);
        entities = List.copyOf(entities);
        themes = List.copyOf(themes);
        keywordPinyin = Collections.unmodifiableMap(new LinkedHashMap<>(keywordPinyin));
        terms = Collections.unmodifiableSet(new LinkedHashSet<>(terms));
    }
}
