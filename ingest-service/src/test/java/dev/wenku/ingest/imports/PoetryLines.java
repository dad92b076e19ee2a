package dev.wenku.ingest.imports;

import dev.wenku.testsupport.Fixtures;
import java.nio.charset.StandardCharsets;

/** NDJSON bodies of import tests: lines of the committed poetry slice, each test its own range. */
final class PoetryLines {

    private PoetryLines() {
    }

    /** {@code count} lines of the slice after its first {@code skip}, as an NDJSON body. */
    static byte[] ndjson(long skip, int count) {
        return (String.join("\n", Fixtures.utf8(Fixtures.POETRY_SLICE).lines().skip(skip).limit(count).toList())
            + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
