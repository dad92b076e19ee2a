package dev.wenku.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wenku.search.SearchProperties;
import dev.wenku.search.Settings;
import org.junit.jupiter.api.Test;

/**
 * How many partitions a run trains: by default the square root of the passages, so a search compares fewer of a
 * larger corpus's passages; an operator's count stands as given, up to the most the run's sample has room for.
 */
class PartitionsSettingTest {

    @Test
    void byDefaultTheSquareRootOfThePassages() {
        SearchProperties.Semantic semantic = Settings.search().semantic();

        assertThat(semantic.partitionsFor(59_065)).isEqualTo(243);
        assertThat(semantic.partitionsFor(318_604)).isEqualTo(564);
        assertThat(semantic.partitionsFor(0)).isEqualTo(1);
        assertThat(semantic.partitionsFor(5_000_000)).isEqualTo(SearchProperties.Semantic.MAX_PARTITIONS);
    }

    @Test
    void anOperatorsCountStandsWhateverThePassages() {
        SearchProperties.Semantic semantic = Settings.search("semantic.partitions", "256").semantic();

        assertThat(semantic.partitionsFor(59_065)).isEqualTo(256);
        assertThat(semantic.partitionsFor(318_604)).isEqualTo(256);
    }

    @Test
    void moreThanTheSampleHasRoomForIsRefusedByName() {
        assertThatThrownBy(() -> Settings.search("semantic.partitions", "1025")).rootCause()
            .hasMessageContaining("wenku.search.semantic.partitions must be between 0 and 1024");
    }
}
