package dev.wenku.operations.deadletters;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which dead letters a replay sends back, and why it skips the others. Of several dead letters of one document only
 * the newest version's latest is a candidate; a candidate is replayed only while it is still the latest version of
 * its document on the source topic: a document edited since is {@link SkipReason#SUPERSEDED superseded} and one
 * deleted since is {@link SkipReason#DELETED}, as replaying either would make older text the newest record of the
 * compacted topic. A record that is not a pipeline event is {@link SkipReason#UNREADABLE} and would fail again.
 */
final class ReplayDecision {

    /** A dead letter: the document's id, the event's version (null when unreadable), where it was read. */
    record DeadLetter(String key, Integer version, byte[] value, String origin) {
    }

    /** What to send back, in the order read, and how many were skipped per reason. */
    record Outcome(List<DeadLetter> replay, Map<SkipReason, Integer> skipped) {
    }

    private ReplayDecision() {
    }

    /**
     * @param letters        dead letters in the order read
     * @param latestVersions the latest version of each of their documents on the source topic; -1 for a tombstone, no
     *                       entry for a document gone from the (compacted) topic
     */
    static Outcome decide(Collection<DeadLetter> letters, Map<String, Integer> latestVersions) {
        Map<SkipReason, Integer> skipped = new LinkedHashMap<>();
        for (SkipReason reason : SkipReason.values()) {
            skipped.put(reason, 0);
        }
        Map<String, DeadLetter> candidates = new LinkedHashMap<>();
        for (DeadLetter letter : letters) {
            if (letter.key() == null || letter.version() == null) {
                skipped.merge(SkipReason.UNREADABLE, 1, Integer::sum);
                continue;
            }
            if (candidates.containsKey(letter.key())) {
                skipped.merge(SkipReason.SUPERSEDED, 1, Integer::sum);
            }
            candidates.merge(letter.key(), letter, (earlier, later) -> earlier.version() > later.version() ? earlier : later);
        }
        List<DeadLetter> replay = new ArrayList<>();
        for (DeadLetter candidate : candidates.values()) {
            Integer latest = latestVersions.get(candidate.key());
            if (latest == null || latest < 0) {
                skipped.merge(SkipReason.DELETED, 1, Integer::sum);
            } else if (latest > candidate.version()) {
                skipped.merge(SkipReason.SUPERSEDED, 1, Integer::sum);
            } else {
                replay.add(candidate);
            }
        }
        return new Outcome(List.copyOf(replay), skipped);
    }
}
