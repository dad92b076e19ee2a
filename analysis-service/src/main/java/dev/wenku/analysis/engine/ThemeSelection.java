package dev.wenku.analysis.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of the themes whose terms a document uses it is given: those that dominate it. Giving every theme with a
 * single matching term made the theme facet useless (each seed essay carried 6 to 8 of the 8 themes, a passing
 * mention counting as much as a whole section). A theme is kept when its score, the share of the document's content
 * words that are its terms, is at least {@code minScore} and at least {@code minShareOfTop} times the best theme's
 * score; of those, the {@code maxThemes} best. Relative to the best theme, so a short text and a long one are judged
 * alike; with an absolute floor, so a document about none of the themes gets none.
 *
 * @param maxThemes     the most themes a document gets (at least 1)
 * @param minShareOfTop a theme's score as a share of the best theme's, below which it is left out (0..1)
 * @param minScore      a theme's score below which it is left out, whatever the others' (0..1)
 */
public record ThemeSelection(int maxThemes, double minShareOfTop, double minScore) {

    /** Defaults, stated here once for the engine and for {@code wenku.analysis.themes.*}. */
    public static final String DEFAULT_MAX_THEMES = "3";
    public static final String DEFAULT_MIN_SHARE_OF_TOP = "0.3";
    public static final String DEFAULT_MIN_SCORE = "0.01";

    public ThemeSelection {
        if (maxThemes < 1) {
            throw new IllegalArgumentException("maxThemes must be at least 1, was " + maxThemes);
        }
        if (minShareOfTop < 0 || minShareOfTop > 1 || minScore < 0 || minScore > 1) {
            throw new IllegalArgumentException("minShareOfTop and minScore are shares between 0 and 1, were "
                + minShareOfTop + " and " + minScore);
        }
    }

    public static ThemeSelection defaults() {
        return new ThemeSelection(Integer.parseInt(DEFAULT_MAX_THEMES), Double.parseDouble(DEFAULT_MIN_SHARE_OF_TOP),
            Double.parseDouble(DEFAULT_MIN_SCORE));
    }

    /** The kept themes of {@code scored} (ordered best first), in the same order. */
    List<ThemeScore> select(List<ThemeScore> scored) {
        if (scored.isEmpty()) {
            return List.of();
        }
        double floor = Math.max(minScore, minShareOfTop * scored.getFirst().score());
        List<ThemeScore> kept = new ArrayList<>(maxThemes);
        for (ThemeScore theme : scored) {
            if (kept.size() == maxThemes || theme.score() < floor) {
                break;
            }
            kept.add(theme);
        }
        return List.copyOf(kept);
    }
}
