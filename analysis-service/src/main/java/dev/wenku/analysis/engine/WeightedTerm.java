package dev.wenku.analysis.engine;

/** A keyword and its weight in (0, 1]: the best keyword of a document weighs 1. */
public record WeightedTerm(String term, double weight) {
}
