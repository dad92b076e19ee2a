package dev.wenku.ingest.hostile;

import dev.wenku.testsupport.Fixtures;

/** The valid documents of test-support's fixtures that hostile ones are made from. */
final class FileUploadFixtures {

    private FileUploadFixtures() {
    }

    /** Fixture {@code documents/<name>}. */
    static byte[] bytes(String name) {
        return Fixtures.bytes("documents/" + name);
    }

    /** A valid Word document with one paragraph of {@code text}. */
    static byte[] docxWith(String text) {
        return HostileDocuments.withParagraph(bytes("essay.docx"), text);
    }
}
