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
        long until = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < until) {
            spins += Long.numberOfTrailingZeros(spins + System.nanoTime());
        }

        assertThat(PlatformCpu.ownSeconds() - before).as("CPU seconds after %d spins", spins).isGreaterThan(0.05);
    }
}
