package dev.wenku.analysis;

import dev.wenku.analysis.engine.ThemeSelection;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which themes a document is given ({@code wenku.analysis.themes.*}): only those that dominate it
 * ({@link ThemeSelection}).
 *
 * @param maxPerDocument the most themes a document gets
 * @param minShareOfTop  a theme's score (the share of the document's content words that are its terms) as a share of
 *                       the document's best theme's, below which the theme is not given
 * @param minScore       a theme's score below which it is not given, however the others score: a passing mention
 *                       makes no theme
 */
@ConfigurationProperties("wenku.analysis.themes")
public record ThemeProperties(
    @DefaultValue(ThemeSelection.DEFAULT_MAX_THEMES) int maxPerDocument,
    @DefaultValue(ThemeSelection.DEFAULT_MIN_SHARE_OF_TOP) double minShareOfTop,
    @DefaultValue(ThemeSelection.DEFAULT_MIN_SCORE) double minScore) {

    public ThemeSelection selection() {
        return new ThemeSelection(maxPerDocument, minShareOfTop, minScore);
    }
}
