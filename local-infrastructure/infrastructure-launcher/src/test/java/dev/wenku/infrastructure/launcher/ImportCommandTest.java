package dev.wenku.infrastructure.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ImportCommandTest {

    @Test
    void fieldsOfTheProgressAreReadWhetherStringsNumbersOrNull() {
        String progress = "{\"id\":\"9f0c\",\"state\":\"RUNNING\",\"lines\":1200,\"perSecond\":412.5,"
            + "\"etaSeconds\":null,\"createdAt\":\"2026-12-01T10:00:00Z\",\"created\":7}";
        assertEquals("9f0c", ImportCommand.field(progress, "id"));
        assertEquals("1200", ImportCommand.field(progress, "lines"));
        assertEquals("412.5", ImportCommand.field(progress, "perSecond"));
        assertEquals("7", ImportCommand.field(progress, "created"), "not createdAt");
        assertNull(ImportCommand.field(progress, "etaSeconds"));
        assertNull(ImportCommand.field(progress, "missing"));
    }

    @Test
    void aTextFileBecomesAJsonStringWithItsQuotesBackslashesAndLineBreaksEscaped() {
        assertEquals("\"静夜思\\n床前\\\"明月\\\"光\\\\\\t\\u0001\"", ImportCommand.json("静夜思\n床前\"明月\"光\\\t\u0001"));
    }
}
