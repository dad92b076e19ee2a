package dev.wenku.analysis.engine;

/**
 * A taxonomy theme of a document: {@code score} is the share of the document's content words that are terms of the
 * theme (0..1; themes overlap, so scores of one document need not add up to 1).
 */
public record ThemeScore(String id, String label, double score) {
}
