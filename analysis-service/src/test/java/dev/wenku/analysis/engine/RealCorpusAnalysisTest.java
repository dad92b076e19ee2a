package dev.wenku.analysis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wenku.testsupport.Fixtures;
import dev.wenku.text.SimplifiedScript;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine on real text rather than on the seed: 3,119 classical poems of the corpus slice (Traditional script,
 * about 60 characters each, as editors would upload them), with the corpus statistics they make together, as the
 * pipeline converts and analyses them.
 */
class RealCorpusAnalysisTest {

    private static final AnalysisEngine ENGINE = AnalysisEngine.defaults();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Poem(String title, String body) {
    }

    private static List<Poem> poems() {
        return Fixtures.utf8(Fixtures.POETRY_SLICE).lines().map(JSON::readTree)
            .map((JsonNode p) -> new Poem(SimplifiedScript.of(p.path("title").asString()),
                SimplifiedScript.of(p.path("body").asString())))
            .toList();
    }

    @Test
    void everyPoemIsAnalysedWithKeywordsFromItsOwnTextAndASummaryTakenFromIt() {
        List<Poem> poems = poems();
        assertThat(poems).hasSize(3_119);
        InMemoryCorpusStatistics corpus = new InMemoryCorpusStatistics();
        for (Poem poem : poems) {
            corpus.add(ENGINE.analyze(poem.title(), poem.body(), CorpusStatistics.EMPTY).terms());
        }
        Set<String> stoplist = Lexicon.defaults().stoplist();
        int withKeywords = 0;
        for (Poem poem : poems) {
            DocumentAnalysis analysis = ENGINE.analyze(poem.title(), poem.body(), corpus);
            String text = poem.title() + "\n" + poem.body();
            assertThat(analysis.keywords()).as(poem.title()).allSatisfy(keyword -> {
                assertThat(text).contains(keyword.term());
                assertThat(stoplist).doesNotContain(keyword.term());
                assertThat(keyword.weight()).isGreaterThan(0).isLessThanOrEqualTo(1);
            });
            if (!poem.body().isBlank()) {
                assertThat(analysis.summary()).as(poem.title()).isNotBlank();
                assertThat(text.replace("\n", "")).as(poem.title())
                    .contains(analysis.summary().strip().substring(0, 1));
            }
            withKeywords += analysis.keywords().isEmpty() ? 0 : 1;
        }
        assertThat(withKeywords).as("poems with keywords").isGreaterThan(poems.size() * 9 / 10);
    }

    @Test
    void aPoemWhoseLinesRankAsNoSentenceIsSummedUpByItsFirstLine() {
        Poem first = poems().getFirst();
        assertThat(first.title()).isEqualTo("帝京篇十首 一");
        assertThat(ENGINE.analyze(first.title(), first.body(), CorpusStatistics.EMPTY).summary())
            .isEqualTo("秦川雄帝宅，函谷壮皇居。");
    }
}
