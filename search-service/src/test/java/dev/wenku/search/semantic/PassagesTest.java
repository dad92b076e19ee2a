package dev.wenku.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PassagesTest {

    @Test
    void aShortPoemIsOnePassageWithItsLinesTogether() {
        String poem = "床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n";

        List<Passage> passages = Passages.of(poem, 256);

        assertThat(passages).containsExactly(new Passage(1, "床前明月光，疑是地上霜。\n举头望明月，低头思故乡。", 0, 25));
    }

    @Test
    void linesAreGroupedUpToTheLimitAndNeverSplitWhenTheyFit() {
        String body = "甲".repeat(6) + "\n" + "乙".repeat(6) + "\n" + "丙".repeat(6);

        List<Passage> passages = Passages.of(body, 14);

        assertThat(passages).extracting(Passage::text).containsExactly("甲甲甲甲甲甲\n乙乙乙乙乙乙", "丙丙丙丙丙丙");
        assertThat(passages.get(1).start()).isEqualTo(14);
    }

    @Test
    void aLongParagraphIsCutAfterTheLastSentenceEndThatFits() {
        String body = "科技创新是核心。" + "产业升级要跟上，" + "才能形成新质生产力。";

        List<Passage> passages = Passages.of(body, 20);

        assertThat(passages).extracting(Passage::text).containsExactly("科技创新是核心。", "产业升级要跟上，才能形成新质生产力。");
        for (Passage passage : passages) {
            assertThat(body.substring(passage.start(), passage.end())).isEqualTo(passage.text());
        }
    }

    @Test
    void aSentenceLongerThanTheLimitIsCutAtTheLimit() {
        String body = "长".repeat(25);

        assertThat(Passages.of(body, 10)).extracting(Passage::text)
            .containsExactly("长".repeat(10), "长".repeat(10), "长".repeat(5));
    }

    @Test
    void blankBodiesHaveNoPassagesAndTheLimitMustBePositive() {
        assertThat(Passages.of(" \n\u3000\n", 256)).isEmpty();
        assertThat(Passages.of(null, 256)).isEmpty();
        assertThrows(IllegalArgumentException.class, () -> Passages.of("文", 0));
    }
}
