package dev.wenku.operations.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wenku.operations.deadletters.ReplayDecision.DeadLetter;
import dev.wenku.operations.deadletters.ReplayDecision.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayDecisionTest {

    private static DeadLetter letter(String key, Integer version, int offset) {
        return new DeadLetter(key, version, new byte[0], "t.dlt/0/" + offset);
    }

    @Test
    void aDeadLetterStillTheLatestVersionOfItsDocumentIsReplayed() {
        Outcome outcome = ReplayDecision.decide(List.of(letter("a", 2, 0)), Map.of("a", 2));
        assertThat(outcome.replay()).extracting(DeadLetter::key).containsExactly("a");
        assertThat(outcome.skipped()).containsOnly(Map.entry(SkipReason.SUPERSEDED, 0),
            Map.entry(SkipReason.DELETED, 0), Map.entry(SkipReason.UNREADABLE, 0));
    }

    @Test
    void aDocumentEditedSinceIsSkippedAsSuperseded() {
        Outcome outcome = ReplayDecision.decide(List.of(letter("a", 2, 0)), Map.of("a", 3));
        assertThat(outcome.replay()).isEmpty();
        assertThat(outcome.skipped()).containsEntry(SkipReason.SUPERSEDED, 1);
    }

    @Test
    void aDocumentDeletedOrCompactedAwayIsSkippedAsDeleted() {
        Outcome outcome = ReplayDecision.decide(List.of(letter("a", 1, 0), letter("b", 1, 1)), Map.of("a", -1));
        assertThat(outcome.replay()).isEmpty();
        assertThat(outcome.skipped()).containsEntry(SkipReason.DELETED, 2);
    }

    @Test
    void ofSeveralDeadLettersOfOneDocumentOnlyTheNewestVersionIsACandidate() {
        Outcome outcome = ReplayDecision.decide(List.of(letter("a", 3, 0), letter("a", 2, 1), letter("b", 1, 2)),
            Map.of("a", 3, "b", 1));
        assertThat(outcome.replay()).extracting(DeadLetter::key, DeadLetter::version)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 3), org.assertj.core.groups.Tuple.tuple("b", 1));
        assertThat(outcome.skipped()).containsEntry(SkipReason.SUPERSEDED, 1);
    }

    @Test
    void aRecordThatIsNoPipelineEventIsSkippedAsUnreadable() {
        Outcome outcome = ReplayDecision.decide(List.of(letter(null, 1, 0), letter("a", null, 1)), Map.of("a", 1));
        assertThat(outcome.replay()).isEmpty();
        assertThat(outcome.skipped()).containsEntry(SkipReason.UNREADABLE, 2);
    }
}
