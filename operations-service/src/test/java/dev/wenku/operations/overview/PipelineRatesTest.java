package dev.wenku.operations.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineRatesTest {

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
