package dev.wenku.analysis.corpus;

import java.util.List;
import java.util.Set;

/**
 * What the corpus keeps of one analysed document: its distinct content terms (document frequencies), its themes
 * (theme counts) and its Simplified paragraphs (theme suggestions).
 */
public record DocumentTerms(String documentId, long version, Set<String> terms, List<String> themes,
                            List<String> paragraphs) {

    public DocumentTerms {
        terms = terms == null ? Set.of() : Set.copyOf(terms);
        themes = themes == null ? List.of() : List.copyOf(themes);
        paragraphs = paragraphs == null ? List.of() : List.copyOf(paragraphs);
    }
}
