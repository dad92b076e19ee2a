package dev.wenku.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wenku.ingest.registry.TextDiff.Segment;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TextDiffTest {

    private static String side(TextDiff diff, String skipped) {
        return diff.segments().stream().filter(s -> !s.op().equals(skipped)).map(Segment::text)
            .collect(Collectors.joining());
    }

    @Test
    void sentencesPutTogetherAreTheText() {
        String text = "加快发展新质生产力。培育新动能！“新赛道”在哪里？\n第二段；没有句号";
        assertThat(String.join("", TextDiff.sentences(text))).isEqualTo(text);
        assertThat(TextDiff.sentences(text)).startsWith("加快发展新质生产力。", "培育新动能！");
    }

    @Test
    void anEditedSentenceShowsTheCharactersThatChanged() {
        TextDiff diff = TextDiff.of(1, 2, "标题", "标题", "加快发展新质生产力。培育新动能。",
            "加快形成新质生产力。培育新动能。");
        assertThat(diff.segments()).containsExactly(new Segment("equal", "加快"), new Segment("delete", "发展"),
            new Segment("insert", "形成"), new Segment("equal", "新质生产力。培育新动能。"));
        assertThat(diff.inserted()).isEqualTo(2);
        assertThat(diff.deleted()).isEqualTo(2);
    }

    @Test
    void readingTheSegmentsGivesBackEitherVersion() {
        String older = "第一句。第二句讲科技创新。第三句！\n结尾没有标点";
        String newer = "第一句。第二句讲产业升级与科技创新。新增一句？\n结尾没有标点";
        TextDiff diff = TextDiff.of(3, 5, "a", "b", older, newer);
        assertThat(side(diff, "insert")).isEqualTo(older);
        assertThat(side(diff, "delete")).isEqualTo(newer);
        assertThat(diff.from()).isEqualTo(3);
        assertThat(diff.to()).isEqualTo(5);
    }

    @Test
    void identicalTextsAreOneEqualSegment() {
        assertThat(TextDiff.of(1, 1, "t", "t", "同一段文字。", "同一段文字。").segments())
            .isEqualTo(List.of(new Segment("equal", "同一段文字。")));
    }
}
