package dev.wenku.search.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelatedRankingTest {

    /**
     * A document read names nothing the way a reader's query does, so more-like-this does not lead: the poem the
     * vectors find nearest comes before more-like-this's second guess (with a search's weight of 0.5 it came last).
     */
    @Test
    void whatMeaningAloneFindsFirstComesBeforeTheWordsSecondGuess() {
        List<HybridRanking.Scored> words = List.of(new HybridRanking.Scored("words-1", 10),
            new HybridRanking.Scored("words-2", 9), new HybridRanking.Scored("both", 8));

        assertThat(DocumentLookup.fuseRelated(words, List.of("meaning-1", "both")))
            .containsExactly("both", "words-1", "meaning-1", "words-2");
    }

    @Test
    void aDocumentWithoutVectorsYetIsRelatedByItsWordsInTheirOrder() {
        List<HybridRanking.Scored> words = List.of(new HybridRanking.Scored("a", 3), new HybridRanking.Scored("b", 2));

        assertThat(DocumentLookup.fuseRelated(words, List.of())).containsExactly("a", "b");
    }
}
