package dev.wenku.gateway.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Samples of the Prometheus text exposition format, as every service's {@code /actuator/prometheus} serves it. */
record PrometheusText(List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static final PrometheusText EMPTY = new PrometheusText(List.of());

    static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Sample sample = sample(line.strip());
            if (sample != null) {
                samples.add(sample);
            }
        }
        return new PrometheusText(List.copyOf(samples));
    }

    /** Sum of the samples named {@code name} whose labels pass {@code labels}; null when there is none. */
    Double sum(String name, Predicate<Map<String, String>> labels) {
        Double sum = null;
        for (Sample sample : samples) {
            if (sample.name().equals(name) && labels.test(sample.labels()) && !Double.isNaN(sample.value())) {
                sum = (sum == null ? 0 : sum) + sample.value();
            }
        }
        return sum;
    }

    Double sum(String name) {
        return sum(name, labels -> true);
    }

    /**
     * The {@code q} quantile of a histogram from its cumulative {@code <name>_bucket} samples (summed over every
     * other label), interpolated linearly inside the bucket it falls in, as Prometheus's
     * {@code histogram_quantile} does; null when nothing was observed.
     */
    Double quantile(String name, double q) {
        java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
        for (Sample sample : samples) {
            String le = sample.labels().get("le");
            if (sample.name().equals(name + "_bucket") && le != null) {
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.merge(bound, sample.value(), Double::sum);
            }
        }
        if (buckets.isEmpty() || buckets.lastEntry().getValue() <= 0) {
            return null;
        }
        double rank = q * buckets.lastEntry().getValue();
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket <= 0 ? bucket.getKey()
                    : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }

    private static Sample sample(String line) {
        int braces = line.indexOf('{');
        int space = line.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        int valueStart;
        if (braces >= 0 && braces < space) {
            name = line.substring(0, braces);
            int end = labels(line, braces + 1, labels);
            if (end < 0) {
                return null;
            }
            valueStart = end + 1;
        } else {
            name = line.substring(0, space);
            valueStart = space;
        }
        String[] rest = line.substring(valueStart).strip().split("\\s+");
        try {
            return new Sample(name, labels, Double.parseDouble(rest[0]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Reads {@code a="x",b="y"} from {@code from}; returns the index of the closing brace, or -1. */
    private static int labels(String line, int from, Map<String, String> labels) {
        int i = from;
        while (i < line.length() && line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                return -1;
            }
            String key = line.substring(i, equals).strip();
            StringBuilder value = new StringBuilder();
            int j = equals + 2;
            for (; j < line.length() && line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return i < line.length() ? i : -1;
    }
}
