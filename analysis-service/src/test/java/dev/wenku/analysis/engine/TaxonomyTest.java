package dev.wenku.analysis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaxonomyTest {

    @Test
    void shippedTaxonomyHasTheEightThemesOfTheCorpus() {
        Taxonomy taxonomy = Taxonomy.defaults();

        assertThat(taxonomy.themes()).extracting(Taxonomy.Theme::id).containsExactly("technological-innovation",
            "industrial-upgrading", "talent", "green-development", "institutional-reform", "regional-development",
            "business-environment", "theory");
        assertThat(taxonomy.themes()).extracting(Taxonomy.Theme::label)
            .containsExactly("科技创新", "产业升级", "人才", "绿色发展", "体制改革", "区域发展", "营商环境", "理论");
        assertThat(taxonomy.themes()).allSatisfy(theme -> assertThat(theme.terms()).hasSizeGreaterThanOrEqualTo(10));
    }

    @Test
    void parsesThemesWithTheirTerms() {
        Taxonomy taxonomy = Taxonomy.parse("""
            {"themes":[{"id":"digital-economy","label":"数字经济","terms":["数字经济","数字化"," 数据要素 "]}]}""");

        assertThat(taxonomy.themes()).containsExactly(
            new Taxonomy.Theme("digital-economy", "数字经济", List.of("数字经济", "数字化", "数据要素")));
    }

    @Test
    void customTaxonomyDrivesTheThemesOfAnAnalysis() {
        Taxonomy taxonomy = Taxonomy.parse("""
            {"themes":[{"id":"digital-economy","label":"数字经济","terms":["数字经济","数字化","数据"]},
                       {"id":"farming","label":"农业","terms":["农业","粮食"]}]}""");
        AnalysisEngine engine = new AnalysisEngine(Lexicon.defaults(), taxonomy, AnalysisSettings.defaults());

        DocumentAnalysis analysis = engine.analyze("", "发展数字经济，推进产业数字化，让数据成为生产要素。农业也要数字化。",
            CorpusStatistics.EMPTY);

        // Farming is mentioned once, the digital economy four times: a passing mention makes no theme.
        assertThat(analysis.themes()).extracting(ThemeScore::id).containsExactly("digital-economy");
        DocumentAnalysis both = engine.analyze("", "发展数字经济，推进产业数字化。农业要发展，粮食要安全。",
            CorpusStatistics.EMPTY);
        assertThat(both.themes()).extracting(ThemeScore::id).containsExactlyInAnyOrder("digital-economy", "farming");
    }

    @Test
    void invalidJsonIsReportedAsSuch() {
        assertThatThrownBy(() -> Taxonomy.parse("{\"themes\": ["))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("taxonomy is not valid JSON");
        assertThatThrownBy(() -> Taxonomy.parse(" "))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Taxonomy.parse("[]"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON object");
    }

    @Test
    void missingPartsAreNamed() {
        assertThatThrownBy(() -> Taxonomy.parse("{\"topics\":[]}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("taxonomy has no \"themes\" array");
        assertThatThrownBy(() -> Taxonomy.parse("{\"themes\":[]}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("taxonomy has no themes");
        assertThatThrownBy(() -> Taxonomy.parse("{\"themes\":[{\"label\":\"人才\",\"terms\":[\"人才\"]}]}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("taxonomy theme #1 has no \"id\" (a non-blank string)");
        assertThatThrownBy(() -> Taxonomy.parse("{\"themes\":[{\"id\":\"talent\",\"terms\":[\"人才\"]}]}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'talent'").hasMessageContaining("\"label\"");
        assertThatThrownBy(() -> Taxonomy.parse("{\"themes\":[{\"id\":\"talent\",\"label\":\"人才\"}]}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("taxonomy theme #1 ('talent') has no \"terms\" array");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> Taxonomy.parse("""
            {"themes":[{"id":"talent","label":"人才","terms":["人才"]},{"id":"talent","label":"人才2","terms":["教育"]}]}"""))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate id 'talent'");
        assertThatThrownBy(() -> Taxonomy.parse("{\"themes\":[{\"id\":\"talent\",\"label\":\"人才\",\"terms\":[]}]}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no terms");
        assertThatThrownBy(() -> Taxonomy.parse("{\"themes\":[{\"id\":\"talent\",\"label\":\"人才\",\"terms\":[\"人才\",\" \"]}]}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank term");
        assertThatThrownBy(() -> Taxonomy.parse("{\"themes\":[{\"id\":\"talent\",\"label\":\"人才\",\"terms\":[\"人才\",3]}]}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a string");
        assertThatThrownBy(() -> Taxonomy.parse("{\"themes\":[{\"id\":\"Talent Pool\",\"label\":\"人才\",\"terms\":[\"人才\"]}]}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id 'Talent Pool'");
    }
}
