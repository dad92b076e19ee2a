package dev.wenku.benchmarks;

import java.util.List;

/** Nearest-rank percentiles of durations in nanoseconds. */
final class Percentiles {

    private Percentiles() {
    }

    /** The {@code p}-th percentile of {@code sortedNanos} (ascending), or 0 when there is none. */
    static long of(List<Long> sortedNanos, double p) {
        if (sortedNanos.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, index));
    }
}
