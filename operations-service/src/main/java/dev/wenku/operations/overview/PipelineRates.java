package dev.wenku.operations.overview;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/** Rates per minute from the counts seen by successive overviews (a counter that went down was restarted). */
final class PipelineRates {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private record Snapshot(Instant at, Map<String, Double> counts) {
    }

    private final Deque<Snapshot> snapshots = new ArrayDeque<>();

    synchronized Map<String, Double> record(Instant now, Map<String, Double> counts) {
        snapshots.addLast(new Snapshot(now, counts));
        // Keep the newest snapshot that is at least a minute old as the base of the rate.
        while (snapshots.size() > 2 && secondOldest().at().isBefore(now.minus(WINDOW))) {
            snapshots.removeFirst();
        }
        Snapshot oldest = snapshots.peekFirst();
        double minutes = Duration.between(oldest.at(), now).toMillis() / 60_000.0;
        Map<String, Double> rates = new LinkedHashMap<>();
        counts.forEach((name, count) -> {
            Double before = oldest.counts().get(name);
            rates.put(name, minutes <= 0 || count == null || before == null || count < before ? null
                : (count - before) / minutes);
        });
        return rates;
    }

    private Snapshot secondOldest() {
        var iterator = snapshots.iterator();
        iterator.next();
        return iterator.next();
    }
}
