package dev.wenku.search.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HybridRankingTest {

    @Test
    void aDocumentBothRankingsFindComesBeforeOneThatLeadsOnlyOne() {
        List<HybridRanking.Ranked> fused = HybridRanking.fuse(close("words-only", "both"), List.of("meaning-only",
            "both"), 1);

        assertThat(fused).extracting(HybridRanking.Ranked::id).containsExactly("both", "words-only", "meaning-only");
        assertThat(fused.getFirst().score()).isCloseTo(2.0 / 62, within(1e-12));
    }

    @Test
    void equalPlacesKeepTheLexicalOrderFirst() {
        assertThat(HybridRanking.fuse(close("a", "c"), List.of("b"), 1)).extracting(HybridRanking.Ranked::id)
            .containsExactly("a", "b", "c");
    }

    @Test
    void oneRankingAloneKeepsItsOrder() {
        assertThat(HybridRanking.fuse(List.of(), List.of("x", "y", "z"), 0.5)).extracting(HybridRanking.Ranked::id)
            .containsExactly("x", "y", "z");
        assertThat(HybridRanking.fuse(List.of(), List.of(), 0.5)).isEmpty();
    }

    @Test
    void aLowerWeightKeepsTheWordsTopTenAboveWhatMeaningAloneFound() {
        List<String> words = IntStream.rangeClosed(1, 10).mapToObj(i -> "words-" + i).toList();

        List<HybridRanking.Ranked> fused = HybridRanking.fuse(close(words.toArray(String[]::new)),
            List.of("meaning-only", "words-10"), 0.5);

        assertThat(fused.getFirst().id()).as("found by both").isEqualTo("words-10");
        assertThat(fused.getLast().id()).isEqualTo("meaning-only");
        assertThat(fused.getLast().score()).isCloseTo(0.5 / 61, within(1e-12));
    }

    /** 静夜思 by its title: the words' first hit far ahead, meaning finding only the poems the words rank next. */
    @Test
    void aFirstLexicalHitFarAheadOfTheSecondStaysFirst() {
        List<HybridRanking.Scored> lexical = List.of(new HybridRanking.Scored("静夜思", 140),
            new HybridRanking.Scored("秋夜思", 25), new HybridRanking.Scored("静夜酬通上人问疾", 17));

        List<HybridRanking.Ranked> fused = HybridRanking.fuse(lexical, List.of("静夜酬通上人问疾", "秋夜思"), 0.5);

        assertThat(fused).extracting(HybridRanking.Ranked::id)
            .containsExactly("静夜思", "秋夜思", "静夜酬通上人问疾");
        assertThat(fused.get(0).score()).isGreaterThanOrEqualTo(fused.get(1).score());
    }

    @Test
    void aFirstLexicalHitJustAheadIsFusedLikeTheRest() {
        List<HybridRanking.Scored> lexical = List.of(new HybridRanking.Scored("first", 19.9),
            new HybridRanking.Scored("second", 10));

        assertThat(HybridRanking.fuse(lexical, List.of("second"), 0.5)).extracting(HybridRanking.Ranked::id)
            .containsExactly("second", "first");
    }

    /** 高適 by name: his poems (the name multiplies their score) before a poem that names him and meaning found. */
    @Test
    void thePoetsPoemsAboveTheDropStayAheadOfAPoemNamingHimThatMeaningFound() {
        List<HybridRanking.Scored> lexical = new ArrayList<>();
        IntStream.rangeClosed(1, 11).forEach(i -> lexical.add(new HybridRanking.Scored("高適-" + i, 74.9)));
        lexical.add(new HybridRanking.Scored("與高適薛據慈恩寺浮圖", 14.5));

        List<HybridRanking.Ranked> fused = HybridRanking.fuse(lexical, List.of("夜坐", "與高適薛據慈恩寺浮圖"), 0.5);

        assertThat(fused.subList(0, 11)).extracting(HybridRanking.Ranked::id).allMatch(id -> id.startsWith("高適-"));
        assertThat(fused.get(11).id()).isEqualTo("與高適薛據慈恩寺浮圖");
        assertThat(fused).extracting(HybridRanking.Ranked::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    /** Lexical hits whose scores lie close together (the first never twice the second). */
    private static List<HybridRanking.Scored> close(String... ids) {
        List<HybridRanking.Scored> scored = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            scored.add(new HybridRanking.Scored(ids[i], 10 - i * 0.1));
        }
        return scored;
    }
}
