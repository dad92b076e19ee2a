package dev.wenku.operations.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.NavigableMap;
import org.junit.jupiter.api.Test;

/** What a service's Micrometer registry writes in Prometheus's protobuf format is read back, and instances add up. */
class ScrapedMetricsTest {

    private static ScrapedMetrics scrape(PrometheusMeterRegistry registry) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        registry.scrape(out, ScrapedMetrics.PROTOBUF);
        return ScrapedMetrics.read(new ByteArrayInputStream(out.toByteArray()));
    }

    private static PrometheusMeterRegistry instance(int indexed, int refused, Duration... freshness) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("wenku.documents.indexed").tag("outcome", "indexed").register(registry).increment(indexed);
        Counter.builder("wenku.documents.indexed").tag("outcome", "refused").register(registry).increment(refused);
        Timer timer = Timer.builder("wenku.pipeline.freshness").serviceLevelObjectives(Duration.ofSeconds(1),
            Duration.ofSeconds(10)).register(registry);
        for (Duration each : freshness) {
            timer.record(each);
        }
        return registry;
    }

    @Test
    void countersOfSeveralInstancesAddUpByLabel() throws Exception {
        ScrapedMetrics search = ScrapedMetrics.merge(List.of(scrape(instance(12, 1)), scrape(instance(3, 0))));
        assertEquals(15.0, search.sum("wenku_documents_indexed_total", "outcome", "indexed"));
        assertEquals(16.0, search.sum("wenku_documents_indexed_total", "outcome"));
        assertNull(search.sum("wenku_documents_analyzed_total", "outcome"), "a metric nobody reported is unknown");
    }

    @Test
    void histogramBucketsOfSeveralInstancesMergeAndGiveTheFreshness() throws Exception {
        ScrapedMetrics search = ScrapedMetrics.merge(List.of(
            scrape(instance(0, 0, Duration.ofMillis(400), Duration.ofMillis(800))),
            scrape(instance(0, 0, Duration.ofSeconds(5), Duration.ofSeconds(40)))));
        NavigableMap<Double, Double> buckets = search.buckets(InstanceScrapes.FRESHNESS);
        assertEquals(2.0, buckets.get(1.0));
        assertEquals(3.0, buckets.get(10.0));
        assertEquals(4.0, buckets.get(Double.POSITIVE_INFINITY));
        Overview.Freshness freshness = InstanceScrapes.freshness(search);
        assertEquals(4.0, freshness.count());
        assertEquals(40.0, freshness.maxSeconds(), 1e-9);
        assertEquals(40.0, freshness.p99Seconds(), 1e-9, "beyond the top bucket: the maximum");
        assertEquals(1.0, freshness.beyondTopBucket());
    }
}
