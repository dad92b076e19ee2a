package dev.wenku.analysis.engine;

/** A named entity of a document and how often it occurs there. */
public record EntityCount(String name, EntityType type, int count) {
}
