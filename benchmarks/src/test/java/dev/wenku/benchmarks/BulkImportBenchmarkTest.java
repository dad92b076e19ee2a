package dev.wenku.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkImportBenchmarkTest {

    @Test
    void theCpuPerDocumentNamesEachProcessLargestFirstAddsThemUpAndTheCompilersPart() {
        BulkImportBenchmark.Cpu cpu = new BulkImportBenchmark.Cpu(0.9, 0.04, 0.02, "…", Map.of(
            "kafka", 30.0, "elasticsearch", 300.0, "analysis-service", 215.0), 80.0);

        assertThat(cpu.perDocument(100_000))
            .isEqualTo("5.45 ms: elasticsearch 3.00, analysis-service 2.15, kafka 0.30; JIT compilers 0.80 of it");
    }
}
