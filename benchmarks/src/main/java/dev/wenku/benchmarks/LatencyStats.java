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

    /** The header of a benchmark's latency table: {@code first} over a column {@code width} wide, then the figures'. */
    static void printHeader(String first, int width) {
        System.out.printf("%-" + width + "s %6s %6s %8s %8s %8s %8s%n", first, "sent", "errors", "p50", "p95", "p99",
            "max");
    }

    /** One row of a benchmark's latency table: {@code name} in a column {@code width} wide, then these figures. */
    void print(String name, int width) {
        System.out.printf("%-" + width + "s %6d %6d %8.2f %8.2f %8.2f %8.2f%n", name, sent, errors, p50, p95, p99,
            max);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
