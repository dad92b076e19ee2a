package dev.wenku.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void indentationAndRunsOfBlankLinesGo() {
        assertEquals("标题\n\n第一段\n第二段", PlainText.tidy("\n\n  标题\n\n\n\n\t第一段  \n\u3000\u3000第二段\n\n"));
    }
}
