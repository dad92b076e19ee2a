package dev.wenku.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wenku.search.Settings;
import org.junit.jupiter.api.Test;

/** When search-service partitions the passages by itself: an operator turns it off with 0, and nothing else below. */
class PartitionAtSettingTest {

    @Test
    void zeroIsAValidThreshold() {
        assertThat(Settings.search("semantic.partition-at", "0").semantic().partitionAt()).isZero();
    }

    @Test
    void aNegativeThresholdIsRefusedByItsName() {
        assertThatThrownBy(() -> Settings.search("semantic.partition-at", "-1")).rootCause()
            .hasMessageContaining("wenku.search.semantic.partition-at must be 0 or more, not -1");
    }
}
