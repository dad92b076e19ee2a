package dev.wenku.analysis.engine;

import dev.wenku.text.CompilationSplitter;
import dev.wenku.text.SimplifiedScript;
import dev.wenku.testsupport.SeedCorpus;
import dev.wenku.text.TextRepair;
import java.util.List;

/** The five seed essays as the pipeline hands them to the engine: repaired, split, in Simplified script. */
final class SeedEssays {

    record Essay(String title, String body) {
    }

    static final List<Essay> ESSAYS = load();

    private SeedEssays() {
    }

    /** Document frequencies of the five essays, as the pipeline has them after loading the seed. */
    static InMemoryCorpusStatistics corpus(AnalysisEngine engine) {
        InMemoryCorpusStatistics corpus = new InMemoryCorpusStatistics();
        for (Essay essay : ESSAYS) {
            corpus.add(engine.analyze(essay.title(), essay.body(), CorpusStatistics.EMPTY).terms());
        }
        return corpus;
    }

    private static List<Essay> load() {
        return CompilationSplitter.split(TextRepair.repair(SeedCorpus.text()).text()).essays().stream()
            .map(e -> new Essay(SimplifiedScript.of(e.title()), SimplifiedScript.of(e.body())))
            .toList();
    }
}
