package dev.wenku.search.query;

import dev.wenku.support.problem.ApiException;
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

    /**
     * The mode a request asked for ({@code name}), or {@code byDefault} where it named none; {@code byDefault} is null
     * where there are no passage vectors (search by meaning off), and lexical is then the only mode.
     *
     * @throws ApiException a name that is no mode, or a mode using vectors where there are none
     */
    static SearchMode asked(String name, SearchMode byDefault) {
        if (name == null || name.isBlank()) {
            return byDefault == null ? LEXICAL : byDefault;
        }
        SearchMode asked = named(name.strip()).orElseThrow(() -> ApiException.invalidParameter("mode",
            "mode must be lexical, semantic or hybrid, got '" + name + "'."));
        if (asked.semantic() && byDefault == null) {
            throw ApiException.invalidParameter("mode", "Search by meaning is off on this platform, so mode must be"
                + " lexical (operators turn it on with wenku.search.semantic.enabled).");
        }
        return asked;
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
