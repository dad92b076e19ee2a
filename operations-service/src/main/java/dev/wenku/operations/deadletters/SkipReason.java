package dev.wenku.operations.deadletters;

import java.util.Locale;

/** Why a dead letter was not replayed: replaying it would bring back something since changed, or fail again. */
enum SkipReason {
    /** The source topic has a newer version of the document: replaying would make the older text the latest. */
    SUPERSEDED,
    /** The document was deleted (its latest record is a tombstone, or it is gone from the compacted topic). */
    DELETED,
    /** No key, no value or no {@code version} in the value: not an event of the pipeline, it would fail again. */
    UNREADABLE;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
