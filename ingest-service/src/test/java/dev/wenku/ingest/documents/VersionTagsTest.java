package dev.wenku.ingest.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wenku.support.problem.ApiException;
import org.junit.jupiter.api.Test;

class VersionTagsTest {

    @Test
    void theTagOfAVersionIsReadBackFromIfMatch() {
        assertThat(VersionTags.of(3)).isEqualTo("\"v3\"");
        assertThat(VersionTags.expected(VersionTags.of(3))).isEqualTo(3L);
        assertThat(VersionTags.expected("W/\"v12\"")).isEqualTo(12L);
    }

    @Test
    void noIfMatchOrAStarMeansAnyVersion() {
        assertThat(VersionTags.expected(null)).isNull();
        assertThat(VersionTags.expected(" * ")).isNull();
    }

    @Test
    void somethingElseIsAnInvalidParameter() {
        assertThatThrownBy(() -> VersionTags.expected("\"3\"")).isInstanceOf(ApiException.class)
            .hasMessageContaining("If-Match");
    }
}
