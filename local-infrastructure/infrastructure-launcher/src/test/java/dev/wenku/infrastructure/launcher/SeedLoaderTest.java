package dev.wenku.infrastructure.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SeedLoaderTest {

    @Test
    void theTitleIsTheFirstLineShortenedForDisplay() {
        assertEquals("短标题", SeedLoader.titleOf("\n 短标题 \n正文", Path.of("a.txt")));
        assertEquals("一".repeat(40) + "…", SeedLoader.titleOf("一".repeat(50) + "\n正文", Path.of("a.txt")));
        assertEquals("empty.txt", SeedLoader.titleOf("   ", Path.of("empty.txt")));
    }

    @Test
    void jsonStringsEscapeQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001“新”\"", Json.string("a\"b\\c\n\u0001“新”"));
    }
}
