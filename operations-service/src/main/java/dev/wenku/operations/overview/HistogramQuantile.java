package dev.wenku.operations.overview;

import java.util.Map;
import java.util.NavigableMap;

/**
 * The {@code q} quantile of a histogram from its cumulative bucket counts (upper bound → observations at or below
 * it, {@code +Inf} included), interpolated linearly inside the bucket it falls in, as PromQL's
 * {@code histogram_quantile} does, and never above the observed maximum. Ours because the histograms merged from
 * several instances exist only here when no Prometheus is deployed (docs/adr/0005).
 */
final class HistogramQuantile {

    private HistogramQuantile() {
    }

    /** Null when nothing was observed. */
    static Double of(NavigableMap<Double, Double> cumulative, double q, Double max) {
        if (cumulative.isEmpty() || cumulative.lastEntry().getValue() <= 0) {
            return null;
        }
        double rank = q * cumulative.lastEntry().getValue();
        double lowerBound = 0;
        double lowerCount = 0;
        double result = lowerBound;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    result = max != null ? max : lowerBound;
                } else {
                    double inBucket = bucket.getValue() - lowerCount;
                    result = inBucket <= 0 ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
                }
                return max == null ? result : Math.min(result, max);
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return max == null ? lowerBound : Math.min(lowerBound, max);
    }

    /** Observations above the largest finite bound. */
    static double beyondTopBucket(NavigableMap<Double, Double> cumulative) {
        if (cumulative.isEmpty()) {
            return 0;
        }
        Map.Entry<Double, Double> lastFinite = cumulative.headMap(Double.POSITIVE_INFINITY, false).lastEntry();
        return cumulative.lastEntry().getValue() - (lastFinite == null ? 0 : lastFinite.getValue());
    }
}
