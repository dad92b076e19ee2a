package dev.wenku.search.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LineMendingTest {

    private static final String JIANG_XUE = "江雪\n千山鸟飞绝，万径人踪灭。孤舟蓑笠翁，独钓寒江雪。";

    @Test
    void aLineWithOneWrongCharacterIsMendedFromTheTextThatHasIt() {
        assertEquals(Optional.of("千山鸟飞绝"), LineMending.meant("千山鸟非绝", List.of(JIANG_XUE)));
        assertEquals(Optional.of("独钓寒江雪"), LineMending.meant("独钓寒江血", List.of(JIANG_XUE)));
    }

    @Test
    void aLineInTraditionalScriptIsComparedInSimplified() {
        assertEquals(Optional.of("万径人踪灭"), LineMending.meant("萬徑人蹤減", List.of(JIANG_XUE)));
    }

    @Test
    void nothingIsMendedAcrossPunctuationOrFromATextTwoCharactersAway() {
        assertEquals(Optional.empty(), LineMending.meant("鸟飞绝万径", List.of(JIANG_XUE)), "the line crosses a comma");
        assertEquals(Optional.empty(), LineMending.meant("千山鸟非灭", List.of(JIANG_XUE)), "two characters differ");
        assertEquals(Optional.empty(), LineMending.meant("千山鸟飞绝", List.of(JIANG_XUE)), "found as typed: no mend");
    }

    @Test
    void theFirstTextThatHasTheLineWins() {
        assertEquals(Optional.of("千山鸟飞绝"), LineMending.meant("千山鸟非绝",
            List.of("杂记\n今天没有诗。", JIANG_XUE, "仿作\n千山鸟肥绝")));
    }
}
