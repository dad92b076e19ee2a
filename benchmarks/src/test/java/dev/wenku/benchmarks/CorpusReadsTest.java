package dev.wenku.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CorpusReadsTest {

    @Test
    void theSemanticBenchmarksRunsOfNewQueriesAskNoQueryAnotherOfThemAsked() {
        List<PoetryCorpus.Poem> poems = poems(5_000);
        List<Integer> draws = List.of(SemanticBenchmark.newQueriesDraw("hybrid"),
            SemanticBenchmark.newQueriesDraw("semantic"), SemanticBenchmark.UNPARTITIONED_DRAW);
        assertThat(draws).as("each run searching by meaning has a draw of its own").doesNotHaveDuplicates();
        assertThat(SemanticBenchmark.newQueriesDraw("lexical")).isEqualTo(SemanticBenchmark.newQueriesDraw("hybrid"));

        Set<String> asked = new HashSet<>();
        for (int draw : draws) {
            List<String> queries = CorpusReads.newQueries(poems, draw);
            assertThat(queries).hasSize(CorpusReads.SEARCH_RATE * CorpusReads.SEARCH_SECONDS).doesNotHaveDuplicates();
            assertThat(queries).as("draw " + draw).noneMatch(asked::contains);
            asked.addAll(queries);
        }
    }

    /** Poems of random common characters, four lines of seven each. */
    private static List<PoetryCorpus.Poem> poems(int count) {
        SplittableRandom random = new SplittableRandom(7);
        List<PoetryCorpus.Poem> poems = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> lines = IntStream.range(0, 4).mapToObj(line -> random.ints(7, 0x4E00, 0x4E00 + 3_000)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString())
                .toList();
            poems.add(new PoetryCorpus.Poem("poem-" + i + ".txt", "唐", lines.getFirst(), "無名氏", lines));
        }
        return poems;
    }
}
