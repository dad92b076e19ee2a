package dev.wenku.analysis.corpus;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the corpus keeps of one analysed document: its distinct content terms (document frequencies), its themes
 * (theme counts) and its Simplified paragraphs (theme suggestions).
 *
 * <p>Terms longer than {@link #MAX_TERM_LENGTH} are left out: a run of letters or digits that long is no word whose
 * rarity tells anything, and each term is a key of {@code corpus_term}, whose index takes a few kilobytes at most.
 * NUL characters, which PostgreSQL's text cannot hold, are dropped from paragraphs.
 */
public record DocumentTerms(String documentId, long version, Set<String> terms, List<String> themes,
                            List<String> paragraphs) {

    /** The longest term counted. */
    public static final int MAX_TERM_LENGTH = 64;

    public DocumentTerms {
        terms = terms == null ? Set.of() : terms.stream()
            .filter(term -> term.length() <= MAX_TERM_LENGTH && term.indexOf('\0') < 0)
            .collect(Collectors.toUnmodifiableSet());
        themes = themes == null ? List.of() : List.copyOf(themes);
        paragraphs = paragraphs == null ? List.of() : paragraphs.stream().map(p -> p.replace("\0", "")).toList();
    }
}
