package dev.wenku.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformCpuTest {

    @Test
    void theCpuPerRequestNamesEachProcessLargestFirstLeavesOutTheIdleAndCountsThemInTheTotal() {
        Map<String, Double> seconds = Map.of("gateway", 3.9, "elasticsearch", 24.5, "search-service", 11.25,
            "postgres", 0.06);

        assertThat(PlatformCpu.describePerRequest(seconds, 1_500))
            .isEqualTo("26.5 ms: elasticsearch 16.3, search-service 7.5, gateway 2.6");
    }

    @Test
    void theBenchmarksOwnCpuCountsTheWorkOfItsThreads() {
        double before = PlatformCpu.ownSeconds();
        long spins = 0;
        // Work until the reading moves (bounded), rather than for a fixed time a busy machine may not grant.
        long until = System.nanoTime() + 10_000_000_000L;
        while (PlatformCpu.ownSeconds() - before <= 0.05 && System.nanoTime() < until) {
            for (int i = 0; i < 100_000; i++) {
                spins += Long.numberOfTrailingZeros(spins + i);
            }
        }

        assertThat(PlatformCpu.ownSeconds() - before).as("CPU seconds after %d spins", spins).isGreaterThan(0.05);
    }
}
