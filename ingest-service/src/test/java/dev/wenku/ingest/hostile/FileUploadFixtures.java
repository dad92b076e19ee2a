package dev.wenku.ingest.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The valid documents under {@code /uploads/} that hostile ones are made from. */
final class FileUploadFixtures {

    private FileUploadFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = FileUploadFixtures.class.getResourceAsStream("/uploads/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test fixture /uploads/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid Word document with one paragraph of {@code text}. */
    static byte[] docxWith(String text) {
        return HostileDocuments.withParagraph(bytes("essay.docx"), text);
    }
}
