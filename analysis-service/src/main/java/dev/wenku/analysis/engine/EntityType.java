package dev.wenku.analysis.engine;

/** Kinds of named entity the engine reports. */
public enum EntityType {
    PERSON, PLACE, ORGANIZATION
}
