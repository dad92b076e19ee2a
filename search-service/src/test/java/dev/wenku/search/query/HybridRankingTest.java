package dev.wenku.search.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class HybridRankingTest {

    @Test
    void aDocumentBothRankingsFindComesBeforeOneThatLeadsOnlyOne() {
        List<HybridRanking.Ranked> fused = HybridRanking.fuse(List.of("words-only", "both"), List.of("meaning-only",
            "both"), 1);

        assertThat(fused).extracting(HybridRanking.Ranked::id).containsExactly("both", "words-only", "meaning-only");
        assertThat(fused.getFirst().score()).isCloseTo(2.0 / 62, within(1e-12));
    }

    @Test
    void equalPlacesKeepTheLexicalOrderFirst() {
        assertThat(HybridRanking.fuse(List.of("a"), List.of("b"), 1)).extracting(HybridRanking.Ranked::id)
            .containsExactly("a", "b");
    }

    @Test
    void oneRankingAloneKeepsItsOrder() {
        assertThat(HybridRanking.fuse(List.of(), List.of("x", "y", "z"), 0.5)).extracting(HybridRanking.Ranked::id)
            .containsExactly("x", "y", "z");
        assertThat(HybridRanking.fuse(List.of(), List.of(), 0.5)).isEmpty();
    }

    @Test
    void aLowerWeightKeepsTheWordsTopTenAboveWhatMeaningAloneFound() {
        List<String> lexical = java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(i -> "words-" + i).toList();

        List<HybridRanking.Ranked> fused = HybridRanking.fuse(lexical, List.of("meaning-only", "words-10"), 0.5);

        assertThat(fused.getFirst().id()).as("found by both").isEqualTo("words-10");
        assertThat(fused.getLast().id()).isEqualTo("meaning-only");
        assertThat(fused.getLast().score()).isCloseTo(0.5 / 61, within(1e-12));
    }
}
