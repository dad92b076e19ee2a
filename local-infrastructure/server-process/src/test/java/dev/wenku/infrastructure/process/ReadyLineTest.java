package dev.wenku.infrastructure.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadyLineTest {

    @Test
    void aFormattedLineParsesBackToTheSameServerAndAddress() {
        ReadyLine line = new ReadyLine("elasticsearch", "http://127.0.0.1:9200");
        assertEquals(line, ReadyLine.parse(line.format()).orElseThrow());
    }

    @Test
    void ordinaryLogLinesAreNotMistakenForReadiness() {
        assertTrue(ReadyLine.parse("[INFO] started WENKU-READY kafka x").isEmpty());
        assertTrue(ReadyLine.parse("WENKU-READY kafka").isEmpty());
        assertTrue(ReadyLine.parse(null).isEmpty());
    }
}
