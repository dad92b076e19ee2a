package dev.wenku.events;

/** What every event on the pipeline's topics carries. */
public sealed interface PipelineEvent permits DocumentIngested, DocumentAnalyzed, DocumentStatusChanged {

    /** The event schema's version; consumers reject versions newer than they understand. */
    int schemaVersion();

    String documentId();
}
