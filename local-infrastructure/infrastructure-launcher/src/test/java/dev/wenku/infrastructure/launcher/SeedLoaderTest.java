package dev.wenku.infrastructure.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SeedLoaderTest {

    @Test
    void anUploadCountsTheDocumentsItProducedAndHowManyWereNew() {
        SeedLoader.Upload upload = new SeedLoader.Upload(Path.of("seed.txt"), 202, """
            {"id":"a","status":"RECEIVED","documents":[{"id":"a","outcome":"CREATED"},{"id":"b","outcome" : "UNCHANGED"},
             {"id":"c","outcome":"UPDATED"}]}""");
        assertTrue(upload.accepted());
        assertEquals(3, upload.documents());
        assertEquals(2, upload.created());
    }

    @Test
    void aRefusedUploadIsNotAccepted() {
        SeedLoader.Upload upload = new SeedLoader.Upload(Path.of("x.bin"), 415, "{\"error\":\"unsupported_type\"}");
        assertFalse(upload.accepted());
        assertEquals(0, upload.documents());
    }
}
