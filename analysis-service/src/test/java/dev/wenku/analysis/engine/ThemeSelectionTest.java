package dev.wenku.analysis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThemeSelectionTest {

    private static final ThemeSelection DEFAULTS = ThemeSelection.defaults();

    @Test
    void themesFarBehindTheBestOneAreLeftOutAndAtMostThreeAreKept() {
        List<ThemeScore> scored = List.of(theme("a", 0.20), theme("b", 0.18), theme("c", 0.07), theme("d", 0.065),
            theme("e", 0.03));

        assertThat(DEFAULTS.select(scored)).extracting(ThemeScore::id).containsExactly("a", "b", "c");
        assertThat(new ThemeSelection(5, 0.3, 0.01).select(scored)).extracting(ThemeScore::id)
            .containsExactly("a", "b", "c", "d");
    }

    @Test
    void aDocumentWhoseBestThemeIsAPassingMentionGetsNone() {
        assertThat(DEFAULTS.select(List.of(theme("a", 0.004), theme("b", 0.002)))).isEmpty();
        assertThat(DEFAULTS.select(List.of())).isEmpty();
    }

    @Test
    void settingsOutsideTheirRangeAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new ThemeSelection(0, 0.3, 0.01)).hasMessageContaining("maxThemes");
        assertThatThrownBy(() -> new ThemeSelection(3, 1.5, 0.01)).hasMessageContaining("minShareOfTop");
    }

    private static ThemeScore theme(String id, double score) {
        return new ThemeScore(id, id, score);
    }
}
