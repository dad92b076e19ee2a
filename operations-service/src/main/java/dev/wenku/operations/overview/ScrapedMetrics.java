package dev.wenku.operations.overview;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_33_0.Metrics.Bucket;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_33_0.Metrics.LabelPair;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_33_0.Metrics.Metric;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_33_0.Metrics.MetricFamily;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The metric families of one or more instances, read from {@code /actuator/prometheus} in Prometheus's protobuf
 * format (length-delimited {@code MetricFamily} messages) with the Prometheus client library's own classes, so no
 * exposition text is parsed here. Counters and histograms of several instances add up.
 */
final class ScrapedMetrics {

    static final String PROTOBUF = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;"
        + " encoding=delimited";
    static final ScrapedMetrics NONE = new ScrapedMetrics(List.of());

    private final List<MetricFamily> families;

    private ScrapedMetrics(List<MetricFamily> families) {
        this.families = families;
    }

    static ScrapedMetrics read(InputStream delimited) throws IOException {
        List<MetricFamily> families = new ArrayList<>();
        for (MetricFamily family = MetricFamily.parseDelimitedFrom(delimited); family != null;
                family = MetricFamily.parseDelimitedFrom(delimited)) {
            families.add(family);
        }
        return new ScrapedMetrics(families);
    }

    static ScrapedMetrics merge(Collection<ScrapedMetrics> instances) {
        List<MetricFamily> all = new ArrayList<>();
        instances.forEach(instance -> all.addAll(instance.families));
        return new ScrapedMetrics(all);
    }

    /** The sum of a counter's (or gauge's) series whose {@code label} is one of {@code values}; null when none. */
    Double sum(String name, String label, String... values) {
        Predicate<Metric> wanted = metric -> values.length == 0 || List.of(values).contains(label(metric, label));
        Double sum = null;
        for (Metric metric : series(name)) {
            if (wanted.test(metric)) {
                double value = metric.hasCounter() ? metric.getCounter().getValue() : metric.getGauge().getValue();
                if (!Double.isNaN(value)) {
                    sum = (sum == null ? 0 : sum) + value;
                }
            }
        }
        return sum;
    }

    /** The largest value of a gauge over every series; null when none. */
    Double max(String name) {
        Double max = null;
        for (Metric metric : series(name)) {
            double value = metric.getGauge().getValue();
            if (!Double.isNaN(value)) {
                max = max == null ? value : Math.max(max, value);
            }
        }
        return max;
    }

    /** A histogram's cumulative buckets summed over every series, {@code +Inf} included; empty when none. */
    NavigableMap<Double, Double> buckets(String name) {
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        for (Metric metric : series(name)) {
            if (!metric.hasHistogram()) {
                continue;
            }
            for (Bucket bucket : metric.getHistogram().getBucketList()) {
                buckets.merge(bucket.getUpperBound(), (double) bucket.getCumulativeCount(), Double::sum);
            }
            if (metric.getHistogram().getBucketList().stream().noneMatch(b -> Double.isInfinite(b.getUpperBound()))) {
                buckets.merge(Double.POSITIVE_INFINITY, (double) metric.getHistogram().getSampleCount(), Double::sum);
            }
        }
        return buckets;
    }

    /** The series of a family, whether its name carries the {@code _total} suffix of counters or not. */
    private List<Metric> series(String name) {
        String bare = name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
        List<Metric> series = new ArrayList<>();
        for (MetricFamily family : families) {
            if (family.getName().equals(name) || family.getName().equals(bare)) {
                series.addAll(family.getMetricList());
            }
        }
        return series;
    }

    private static String label(Metric metric, String name) {
        for (LabelPair pair : metric.getLabelList()) {
            if (pair.getName().equals(name)) {
                return pair.getValue();
            }
        }
        return null;
    }
}
