package dev.wenku.analysis.engine;

/**
 * How much an analysis returns.
 *
 * @param keywordCount     keywords per document (at least 1)
 * @param keyPhraseCount   key phrases per document (0 for none)
 * @param summarySentences sentences of the extractive summary (0 for no summary)
 * @param themes           which of the matched themes the document is given
 */
public record AnalysisSettings(int keywordCount, int keyPhraseCount, int summarySentences, ThemeSelection themes) {

    /** With the default theme selection. */
    public AnalysisSettings(int keywordCount, int keyPhraseCount, int summarySentences) {
        this(keywordCount, keyPhraseCount, summarySentences, ThemeSelection.defaults());
    }

    public AnalysisSettings {
        if (keywordCount < 1) {
            throw new IllegalArgumentException("keywordCount must be at least 1, was " + keywordCount);
        }
        if (keyPhraseCount < 0) {
            throw new IllegalArgumentException("keyPhraseCount must not be negative, was " + keyPhraseCount);
        }
        java.util.Objects.requireNonNull(themes, "themes");
        if (summarySentences < 0) {
            throw new IllegalArgumentException("summarySentences must not be negative, was " + summarySentences);
        }
    }

    /** 10 keywords, 5 key phrases, a summary of 3 sentences, the default theme selection. */
    public static AnalysisSettings defaults() {
        return new AnalysisSettings(10, 5, 3);
    }
}
