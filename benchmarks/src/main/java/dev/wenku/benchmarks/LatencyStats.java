package dev.wenku.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** Latencies of one path or kind of request, in milliseconds (nearest-rank percentiles). */
record LatencyStats(int sent, int errors, double p50, double p95, double p99, double max) {

    static LatencyStats of(int sent, int errors, List<Long> latencyNanos) {
        List<Long> sorted = new ArrayList<>(latencyNanos);
        sorted.sort(null);
        return new LatencyStats(sent, errors, millis(Percentiles.of(sorted, 50)), millis(Percentiles.of(sorted, 95)),
            millis(Percentiles.of(sorted, 99)), sorted.isEmpty() ? 0 : millis(sorted.getLast()));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
