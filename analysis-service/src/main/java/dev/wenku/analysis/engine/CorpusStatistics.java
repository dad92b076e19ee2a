package dev.wenku.analysis.engine;

import java.util.Collection;

/**
 * Document frequencies of the corpus analysed so far, for the IDF part of keyword weights. Implementations must be
 * safe to read from several threads.
 */
public interface CorpusStatistics {

    /** No documents yet: keyword weights then rest on the document alone (term frequency and TextRank). */
    CorpusStatistics EMPTY = new CorpusStatistics() {
        @Override
        public long documentCount() {
            return 0;
        }

        @Override
        public long documentFrequency(String term) {
            return 0;
        }

        @Override
        public String toString() {
            return "CorpusStatistics.EMPTY";
        }
    };

    long documentCount();

    /** In how many documents {@code term} occurs (their {@link DocumentAnalysis#terms()}). */
    long documentFrequency(String term);

    /**
     * These statistics for the distinct terms of one document, read at once: an analysis asks for every term it
     * weighs, and statistics kept in a database answer them in one query instead of one each.
     */
    default CorpusStatistics forTerms(Collection<String> terms) {
        return this;
    }

    /**
     * Smoothed inverse document frequency {@code ln((N + 1) / (df + 1)) + 1}: never zero, so a term present in every
     * document keeps a weight of 1, and a term no document had yet gets the most. With no documents it is 1 for every
     * term, so weights fall back to the document's own statistics. {@code df} is capped at {@code N} in case the
     * statistics were read while a document was being added.
     */
    default double idf(String term) {
        long n = documentCount();
        if (n <= 0) {
            return 1.0;
        }
        long df = Math.min(Math.max(documentFrequency(term), 0), n);
        return Math.log((n + 1.0) / (df + 1.0)) + 1.0;
    }
}
