package dev.wenku.support.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void theTitleFollowsThePreferredLanguageAndEnglishIsTheFallback() {
        assertThat(Problems.language("zh-CN")).isEqualTo(Locale.CHINESE);
        assertThat(Problems.language("en-US,zh;q=0.5")).isEqualTo(Locale.ENGLISH);
        assertThat(Problems.language("zh-TW;q=0.9, fr")).isEqualTo(Locale.CHINESE);
        assertThat(Problems.language("fr-FR")).isEqualTo(Locale.ENGLISH);
        assertThat(Problems.language(null)).isEqualTo(Locale.ENGLISH);
        assertThat(Problems.language(";;;not a header")).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void everyCodeIsLowerSnakeCaseWithATitleInBothLanguages() {
        assertThat(ErrorCode.values()).allSatisfy(code -> {
            assertThat(code.code()).matches("[a-z]+(_[a-z]+)*");
            assertThat(code.title(Locale.ENGLISH)).isNotBlank();
            assertThat(code.title(Locale.CHINESE)).isNotBlank().isNotEqualTo(code.title(Locale.ENGLISH));
            assertThat(code.status().isError()).isTrue();
        });
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).distinct()).hasSize(ErrorCode.values().length);
    }

    @Test
    void membersPutExtensionsAtTheTopLevel() {
        var problem = Problems.of(new ApiException(ErrorCode.INVALID_PARAMETER, "size must be 1..200")
            .with("parameter", "size"), null, "/api/documents", "req-1");
        assertThat(Problems.members(problem)).containsEntry("error", "invalid_parameter")
            .containsEntry("parameter", "size").containsEntry("requestId", "req-1")
            .containsEntry("instance", "/api/documents").containsEntry("status", 400);
    }
}
