package dev.wenku.search.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a search finds documents: by their words ({@code lexical}), by the meaning of their passages ({@code semantic},
 * the nearest passage vectors to the query's), or both, merged by reciprocal rank fusion ({@code hybrid}, the default
 * where the embedding stage runs).
 */
public enum SearchMode {
    LEXICAL, SEMANTIC, HYBRID;

    /** The mode a reader named ({@code lexical}, {@code semantic}, {@code hybrid}, in any case), if it is one. */
    public static Optional<SearchMode> named(String name) {
        return Arrays.stream(values()).filter(mode -> mode.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Whether passage vectors take part. */
    public boolean semantic() {
        return this != LEXICAL;
    }

    /** Whether the words take part. */
    public boolean lexical() {
        return this != SEMANTIC;
    }

    /** The name the API uses. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
