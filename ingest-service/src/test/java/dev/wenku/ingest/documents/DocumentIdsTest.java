package dev.wenku.ingest.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class DocumentIdsTest {

    @Test
    void theSameContentAlwaysGetsTheSameId() {
        assertEquals(DocumentIds.of("标题", "正文"), DocumentIds.of("标题", "正文"));
        assertEquals(24, DocumentIds.of("标题", "正文").length());
    }

    @Test
    void surroundingWhitespaceAndLineEndingsDoNotChangeTheId() {
        assertEquals(DocumentIds.of("标题", "第一行\n第二行"), DocumentIds.of(" 标题 ", "第一行\r\n第二行\n"));
    }

    @Test
    void differentTitleOrBodyGivesADifferentId() {
        assertNotEquals(DocumentIds.of("标题", "正文"), DocumentIds.of("标题", "正文。"));
        assertNotEquals(DocumentIds.of("标题一", "正文"), DocumentIds.of("标题二", "正文"));
    }
}
