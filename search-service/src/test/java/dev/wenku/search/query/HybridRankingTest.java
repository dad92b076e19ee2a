package dev.wenku.search.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class HybridRankingTest {

    @Test
    void aDocumentBothRankingsFindComesBeforeOneThatLeadsOnlyOne() {
        List<HybridRanking.Ranked> fused = HybridRanking.fuse(List.of("words-only", "both"), List.of("meaning-only",
            "both"));

        assertThat(fused).extracting(HybridRanking.Ranked::id).containsExactly("both", "words-only", "meaning-only");
        assertThat(fused.getFirst().score()).isCloseTo(2.0 / 62, within(1e-12));
    }

    @Test
    void equalPlacesKeepTheLexicalOrderFirst() {
        assertThat(HybridRanking.fuse(List.of("a"), List.of("b"))).extracting(HybridRanking.Ranked::id)
            .containsExactly("a", "b");
    }

    @Test
    void oneRankingAloneKeepsItsOrder() {
        assertThat(HybridRanking.fuse(List.of(), List.of("x", "y", "z"))).extracting(HybridRanking.Ranked::id)
            .containsExactly("x", "y", "z");
        assertThat(HybridRanking.fuse(List.of(), List.of())).isEmpty();
    }
}
