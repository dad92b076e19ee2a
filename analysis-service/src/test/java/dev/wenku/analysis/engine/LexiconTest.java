package dev.wenku.analysis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.common.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LexiconTest {

    /** A made-up term: no dictionary of HanLP has it. */
    private static final String MADE_UP = "量子赋能链";
    private static final String TEXT = "各地正在打造量子赋能链，量子赋能链带动产业集群，量子赋能链成为新的增长点。";

    @Test
    void shippedListsAreLoaded() {
        Lexicon lexicon = Lexicon.defaults();

        assertThat(lexicon.dictionary()).contains("新质生产力 nz 1000", "东北地区 ns 1000");
        assertThat(lexicon.dictionary()).noneMatch(line -> line.startsWith("#") || line.isBlank());
        assertThat(lexicon.stoplist()).contains("发展", "创新", "推动", "加快", "新的").doesNotContain("新质生产力");
        assertThat(lexicon.revision()).isEqualTo(1);
    }

    @Test
    void addingATermAtRuntimeKeepsItWholeInNewAnalysesAndRemovingItSplitsItAgain() {
        Lexicon lexicon = Lexicon.defaults();
        AnalysisEngine engine = new AnalysisEngine(lexicon, Taxonomy.defaults(), AnalysisSettings.defaults());
        List<String> baseDictionary = lexicon.dictionary();
        assertThat(engine.segment(TEXT)).doesNotContain(MADE_UP);

        List<String> extended = new ArrayList<>(baseDictionary);
        extended.add(MADE_UP + " nz 100");
        lexicon.replace(extended, List.copyOf(lexicon.stoplist()));

        assertThat(lexicon.revision()).isEqualTo(2);
        assertThat(engine.segment(TEXT)).contains(MADE_UP);
        DocumentAnalysis analysis = engine.analyze("", TEXT, CorpusStatistics.EMPTY);
        assertThat(analysis.keywords()).extracting(WeightedTerm::term).first().isEqualTo(MADE_UP);
        assertThat(analysis.terms()).contains(MADE_UP);

        lexicon.replace(baseDictionary, List.copyOf(lexicon.stoplist()));

        assertThat(engine.segment(TEXT)).doesNotContain(MADE_UP);
        assertThat(engine.analyze("", TEXT, CorpusStatistics.EMPTY).terms()).doesNotContain(MADE_UP);
    }

    @Test
    void runtimeDictionaryChangesLeaveHanLPsGlobalDictionaryAlone() {
        Lexicon lexicon = Lexicon.of(List.of(MADE_UP), List.of());
        AnalysisEngine engine = new AnalysisEngine(lexicon, Taxonomy.defaults(), AnalysisSettings.defaults());

        assertThat(engine.segment(TEXT)).contains(MADE_UP);
        assertThat(HanLP.segment(TEXT)).extracting((Term t) -> t.word).doesNotContain(MADE_UP);
        assertThat(HanLP.segment("加快形成新质生产力")).extracting((Term t) -> t.word).doesNotContain("新质生产力");
    }

    @Test
    void twoEnginesWithDifferentLexiconsDoNotSeeEachOthersTerms() {
        AnalysisEngine with = new AnalysisEngine(Lexicon.of(List.of(MADE_UP), List.of()), Taxonomy.defaults(),
            AnalysisSettings.defaults());
        AnalysisEngine without = new AnalysisEngine(Lexicon.of(List.of(), List.of()), Taxonomy.defaults(),
            AnalysisSettings.defaults());

        assertThat(with.segment(TEXT)).contains(MADE_UP);
        assertThat(without.segment(TEXT)).doesNotContain(MADE_UP);
    }

    @Test
    void aTermOrStopwordTypedInTraditionalScriptAppliesToTheSimplifiedTextsAnalysed() {
        Lexicon lexicon = Lexicon.of(List.of("量子賦能鏈 nz 100"), List.of("東北地區"));
        AnalysisEngine engine = new AnalysisEngine(lexicon, Taxonomy.defaults(), AnalysisSettings.defaults());

        assertThat(engine.segment(TEXT)).contains(MADE_UP);
        assertThat(lexicon.dictionary()).containsExactly("量子賦能鏈 nz 100");
        assertThat(lexicon.stoplist()).containsExactly("东北地区");
    }

    @Test
    void addingAWordToTheStoplistRemovesItFromTheKeywords() {
        Lexicon lexicon = Lexicon.defaults();
        AnalysisEngine engine = new AnalysisEngine(lexicon, Taxonomy.defaults(), AnalysisSettings.defaults());
        SeedEssays.Essay essay = SeedEssays.ESSAYS.get(4);
        List<String> before = keywords(engine.analyze(essay.title(), essay.body(), CorpusStatistics.EMPTY));
        assertThat(before).contains("东北地区");

        List<String> stoplist = new ArrayList<>(lexicon.stoplist());
        stoplist.add("东北地区");
        lexicon.replace(lexicon.dictionary(), stoplist);

        DocumentAnalysis after = engine.analyze(essay.title(), essay.body(), CorpusStatistics.EMPTY);
        assertThat(keywords(after)).doesNotContain("东北地区").hasSize(10);
        assertThat(after.terms()).doesNotContain("东北地区");
        assertThat(after.entities()).extracting(EntityCount::name).contains("东北地区");
    }

    @Test
    void analysesRunningWhileTheLexiconChangesAllSucceed() throws Exception {
        Lexicon lexicon = Lexicon.defaults();
        AnalysisEngine engine = new AnalysisEngine(lexicon, Taxonomy.defaults(), AnalysisSettings.defaults());
        List<String> base = lexicon.dictionary();
        List<String> extended = new ArrayList<>(base);
        extended.add(MADE_UP);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<DocumentAnalysis>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                SeedEssays.Essay essay = SeedEssays.ESSAYS.get(i % 5);
                results.add(pool.submit(() -> engine.analyze(essay.title(), essay.body(), CorpusStatistics.EMPTY)));
                if (i % 10 == 0) {
                    lexicon.replace(i % 20 == 0 ? extended : base, List.copyOf(lexicon.stoplist()));
                }
            }
            for (Future<DocumentAnalysis> result : results) {
                assertThat(keywords(result.get())).contains("新质生产力");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void dictionaryLinesMayCarryTagsAndFrequencies() {
        Lexicon lexicon = Lexicon.of(List.of("# comment", "", "  长三角一体化  ", "智慧港口 nz 10 n 2"), List.of("# x", "发展"));

        assertThat(lexicon.dictionary()).containsExactly("长三角一体化", "智慧港口 nz 10 n 2");
        assertThat(lexicon.stoplist()).containsExactly("发展");
        assertThat(lexicon.snapshot().byTerm().get("智慧港口").natures()).hasSize(2);
    }

    @Test
    void badDictionaryOrStoplistLinesAreRejectedWithTheLineNamed() {
        Lexicon lexicon = Lexicon.of(List.of("新质生产力"), List.of());

        assertThatThrownBy(() -> lexicon.replace(List.of("新质生产力", "智慧港口 qq 10"), List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2").hasMessageContaining("'qq'");
        assertThatThrownBy(() -> lexicon.replace(List.of("智慧港口 nz"), List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> lexicon.replace(List.of("智慧港口 nz ten"), List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frequency 'ten'");
        assertThatThrownBy(() -> lexicon.replace(List.of(), List.of("两个 词")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stoplist line 1");
        assertThat(lexicon.revision()).isEqualTo(1);
        assertThat(lexicon.dictionary()).containsExactly("新质生产力");
    }

    private static List<String> keywords(DocumentAnalysis analysis) {
        return analysis.keywords().stream().map(WeightedTerm::term).toList();
    }
}
