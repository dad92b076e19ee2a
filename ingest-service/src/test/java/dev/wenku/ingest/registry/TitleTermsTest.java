package dev.wenku.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TitleTermsTest {

    @Test
    void aTitleIsIndexedByItsCharactersTheirPairsAndItsLatinWords() {
        assertThat(TitleTerms.ofTitle("新质生产力 AI2024")).containsExactly(
            "新", "新质", "质", "质生", "生", "生产", "产", "产力", "力", "ai2024");
    }

    @Test
    void punctuationSeparatesRunsSoNoPairSpansIt() {
        assertThat(TitleTerms.ofTitle("学习“新质”")).contains("学习", "新质").doesNotContain("习新");
    }

    @Test
    void aQueryAsksForThePairsOfItsRunsOrTheCharacterOfAOneCharacterRun() {
        assertThat(TitleTerms.ofQuery("生产力")).containsExactly("生产", "产力");
        assertThat(TitleTerms.ofQuery("力")).containsExactly("力");
        assertThat(TitleTerms.ofQuery("Spring 新")).containsExactly("spring", "新");
        assertThat(TitleTerms.ofQuery("——")).isEmpty();
    }

    @Test
    void everyQueryTermOfATitlesSubstringIsAmongTheTitlesTerms() {
        String title = "2024学习“新质生产力”心得体会感悟1";
        for (int start = 0; start < title.length(); start++) {
            for (int end = start + 1; end <= title.length(); end++) {
                String query = title.substring(start, end);
                assertThat(TitleTerms.ofTitle(title)).as(query).containsAll(TitleTerms.ofQuery(query).stream()
                    .filter(term -> !term.matches("[a-z0-9]+")).toList());
            }
        }
    }
}
