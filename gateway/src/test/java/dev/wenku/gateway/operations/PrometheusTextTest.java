package dev.wenku.gateway.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String SCRAPE = """
        # HELP wenku_documents_indexed_total Documents written
        # TYPE wenku_documents_indexed_total counter
        wenku_documents_indexed_total{application="search-service",outcome="indexed"} 12.0
        wenku_documents_indexed_total{application="search-service",outcome="refused"} 1.0
        wenku_pipeline_freshness_seconds{application="search-service",quantile="0.5"} 1.15
        wenku_pipeline_freshness_seconds_max{application="search-service"} 2.4
        odd_label{path="/a,b",msg="say \\"hi\\""} 3
        process_uptime_seconds 42.5
        """;

    @Test
    void countersAreSummedByLabels() {
        PrometheusText text = PrometheusText.parse(SCRAPE);
        assertEquals(13.0, text.sum("wenku_documents_indexed_total"));
        assertEquals(1.0, text.sum("wenku_documents_indexed_total", l -> "refused".equals(l.get("outcome"))));
        assertEquals(1.15, text.sum("wenku_pipeline_freshness_seconds", l -> "0.5".equals(l.get("quantile"))));
        assertEquals(42.5, text.sum("process_uptime_seconds"));
        assertEquals(3.0, text.sum("odd_label", l -> "say \"hi\"".equals(l.get("msg")) && "/a,b".equals(l.get("path"))));
        assertNull(text.sum("wenku_documents_analyzed_total"), "a metric nobody reported is unknown, not zero");
    }

    @Test
    void quantilesComeFromTheHistogramsBucketsAsPrometheusComputesThem() {
        PrometheusText text = PrometheusText.parse("""
            f_seconds_bucket{le="0.5"} 0
            f_seconds_bucket{le="1.0"} 40
            f_seconds_bucket{le="2.0"} 90
            f_seconds_bucket{le="+Inf"} 100
            """);
        assertEquals(0.5 + 0.5 * 10 / 40, text.quantile("f_seconds", 0.10), 1e-9);
        assertEquals(1.0 + 1.0 * 10 / 50, text.quantile("f_seconds", 0.50), 1e-9);
        assertEquals(2.0, text.quantile("f_seconds", 0.99), 1e-9, "beyond the last finite bound: that bound");
        assertNull(PrometheusText.parse("g_seconds_bucket{le=\"+Inf\"} 0").quantile("g_seconds", 0.5));
    }

    @Test
    void ratesPerMinuteComeFromCountsAMinuteApartAndARestartIsNotANegativeRate() {
        PipelineRates rates = new PipelineRates();
        Instant start = Instant.parse("2026-11-27T10:00:00Z");
        rates.record(start, counts(10.0));
        assertEquals(30.0, rates.record(start.plusSeconds(30), counts(25.0)).get("indexed"), 1e-9);
        assertNull(rates.record(start.plusSeconds(40), counts(2.0)).get("indexed"), "counter reset by a restart");
    }

    private static Map<String, Double> counts(double indexed) {
        Map<String, Double> counts = new LinkedHashMap<>();
        counts.put("indexed", indexed);
        return counts;
    }
}
