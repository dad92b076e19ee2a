package dev.wenku.analysis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ThemeSuggesterTest {

    private static final AnalysisEngine ENGINE = AnalysisEngine.defaults();
    /** The paragraphs of the five seed essays (headings and short lines left out). */
    private static final List<String> PARAGRAPHS = SeedEssays.ESSAYS.stream()
        .flatMap(e -> Arrays.stream(e.body().split("\n")))
        .filter(p -> p.length() > 30)
        .toList();

    @Test
    void returnsTheRequestedNumberOfTopicsWithDistinctTerms() {
        List<ThemeSuggester.SuggestedTheme> themes = new ThemeSuggester(ENGINE).suggest(PARAGRAPHS, 8);

        assertThat(PARAGRAPHS).hasSizeGreaterThan(60);
        assertThat(themes).hasSize(8).allSatisfy(theme -> assertThat(theme.terms()).hasSize(8).doesNotHaveDuplicates());
        List<String> all = themes.stream().flatMap(t -> t.terms().stream()).toList();
        assertThat(all).doesNotHaveDuplicates();
        assertThat(all).doesNotContainAnyElementsOf(Lexicon.defaults().stoplist())
            .allSatisfy(term -> assertThat(term.codePointCount(0, term.length())).isGreaterThanOrEqualTo(2))
            .doesNotContain("新质生产力");
        assertThat(themes.stream().mapToInt(ThemeSuggester.SuggestedTheme::paragraphs).sum())
            .isBetween(PARAGRAPHS.size() * 9 / 10, PARAGRAPHS.size());
        for (int i = 1; i < themes.size(); i++) {
            assertThat(themes.get(i).paragraphs()).isLessThanOrEqualTo(themes.get(i - 1).paragraphs());
        }
    }

    @Test
    void reportsProgressThatOnlyGrowsFromSegmentingToTheLastIteration() {
        List<Double> reported = new ArrayList<>();
        List<ThemeSuggester.SuggestedTheme> themes = new ThemeSuggester(ENGINE).suggest(PARAGRAPHS, 5, reported::add);

        assertThat(themes).hasSize(5);
        assertThat(reported).isSorted().hasSizeGreaterThan(PARAGRAPHS.size());
        assertThat(reported.getFirst()).isGreaterThan(0);
        assertThat(reported.get(PARAGRAPHS.size() - 1)).isEqualTo(ThemeSuggester.SEGMENTING_SHARE);
        assertThat(reported.getLast()).isBetween(0.99, 1.0);
    }

    @Test
    void isDeterministicForAFixedInput() {
        List<ThemeSuggester.SuggestedTheme> first = new ThemeSuggester(ENGINE).suggest(PARAGRAPHS, 5);
        List<ThemeSuggester.SuggestedTheme> second = new ThemeSuggester(ENGINE).suggest(PARAGRAPHS, 5);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void separatesParagraphsOfClearlyDifferentSubjects() {
        List<String> green = Stream.of(
            "绿色发展要求绿色低碳，发展循环经济，保护生态环境，推广新能源。",
            "生态环境保护离不开循环经济和新能源，绿色低碳是方向。",
            "推广新能源，发展循环经济，守护生态环境，坚持绿色低碳。",
            "新能源和循环经济让生态环境更美，绿色低碳成为习惯。").toList();
        List<String> talent = Stream.of(
            "人才培养要靠高校和教育，研究生和大学生是创新人才的后备军。",
            "高校教育培养大学生和研究生，人才队伍不断壮大。",
            "创新人才来自教育，高校要培养更多研究生和大学生。",
            "大学生和研究生在高校接受教育，成为国家需要的人才。").toList();
        List<String> paragraphs = Stream.concat(green.stream(), talent.stream()).toList();

        List<ThemeSuggester.SuggestedTheme> themes = new ThemeSuggester(ENGINE).suggest(paragraphs, 2);

        assertThat(themes).hasSize(2);
        Set<String> greenWords = Set.of("循环经济", "新能源", "绿色低碳", "生态环境");
        Set<String> talentWords = Set.of("大学生", "研究生", "高校", "教育");
        for (ThemeSuggester.SuggestedTheme theme : themes) {
            Set<String> terms = new HashSet<>(theme.terms());
            boolean green2 = terms.stream().filter(greenWords::contains).count() >= 2;
            boolean talent2 = terms.stream().filter(talentWords::contains).count() >= 2;
            assertThat(green2 ^ talent2).as("topic %s is about one subject", theme.terms()).isTrue();
        }
    }

    @Test
    void rejectsAZeroTopicCountAndCopesWithNoText() {
        ThemeSuggester suggester = new ThemeSuggester(ENGINE);

        assertThatThrownBy(() -> suggester.suggest(PARAGRAPHS, 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("topics");
        assertThat(suggester.suggest(List.of("", "  "), 3)).hasSize(3)
            .allSatisfy(theme -> assertThat(theme.terms()).isEmpty());
    }
}
