package dev.wenku.operations.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HistogramQuantileTest {

    private static NavigableMap<Double, Double> buckets(double... boundsAndCounts) {
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        for (int i = 0; i < boundsAndCounts.length; i += 2) {
            buckets.put(boundsAndCounts[i], boundsAndCounts[i + 1]);
        }
        return buckets;
    }

    @Test
    void quantilesInterpolateInsideTheirBucketAsPrometheusDoes() {
        NavigableMap<Double, Double> buckets = buckets(0.5, 0, 1.0, 40, 2.0, 90, Double.POSITIVE_INFINITY, 100);
        assertEquals(0.5 + 0.5 * 10 / 40, HistogramQuantile.of(buckets, 0.10, null), 1e-9);
        assertEquals(1.0 + 1.0 * 10 / 50, HistogramQuantile.of(buckets, 0.50, null), 1e-9);
    }

    @Test
    void aQuantileIsNeverAboveTheObservedMaximum() {
        NavigableMap<Double, Double> buckets = buckets(1.0, 0, 5.0, 10, Double.POSITIVE_INFINITY, 10);
        // Linear interpolation would say 4.6 s for p95 of ten observations all between 1 and 5 s; none took over 3.
        assertEquals(3.0, HistogramQuantile.of(buckets, 0.95, 3.0), 1e-9);
    }

    @Test
    void beyondTheTopBucketTheMaximumIsTheAnswerAndTheCountIsReported() {
        NavigableMap<Double, Double> buckets = buckets(10.0, 90, 30.0, 95, Double.POSITIVE_INFINITY, 100);
        assertEquals(140.0, HistogramQuantile.of(buckets, 0.99, 140.0), 1e-9, "not the top bound, 30 s");
        assertEquals(30.0, HistogramQuantile.of(buckets, 0.99, null), 1e-9, "without a maximum: the top bound");
        assertEquals(5.0, HistogramQuantile.beyondTopBucket(buckets), 1e-9);
    }

    @Test
    void nothingObservedHasNoQuantile() {
        assertNull(HistogramQuantile.of(buckets(Double.POSITIVE_INFINITY, 0), 0.5, null));
        assertNull(HistogramQuantile.of(new TreeMap<>(), 0.5, null));
    }
}
