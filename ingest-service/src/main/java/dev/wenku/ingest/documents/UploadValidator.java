package dev.wenku.ingest.documents;

import dev.wenku.support.problem.ErrorCode;
import dev.wenku.ingest.IngestProperties;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/** Checks an upload before anything is published. */
@Component
public class UploadValidator {

    private final IngestProperties properties;

    public UploadValidator(IngestProperties properties) {
        this.properties = properties;
    }

    public void validate(DocumentUpload upload) {
        if (upload == null) {
            throw new UploadRejectedException(ErrorCode.MISSING_BODY, "The request has no JSON document.");
        }
        if (upload.title() == null || upload.title().isBlank()) {
            throw new UploadRejectedException(ErrorCode.MISSING_TITLE, "The document needs a non-empty \"title\".");
        }
        if (!ReadableText.isPresentIn(upload.body())) {
            throw new UploadRejectedException(ErrorCode.EMPTY_BODY,
                "The document \"body\" is empty (no letter, character or digit in it).");
        }
        checkSize(upload.body().getBytes(StandardCharsets.UTF_8).length);
    }

    public void validateText(byte[] body) {
        if (body == null || body.length == 0) {
            throw new UploadRejectedException(ErrorCode.EMPTY_BODY, "The text is empty.");
        }
        checkSize(body.length);
    }

    /**
     * One document as it would be stored and published: its title and text must fit in a Kafka record. Checked for
     * every document of an upload before any is stored, so a compilation is accepted whole or not at all.
     */
    void checkDocumentSize(String title, String text, int position, int documents) {
        long bytes = utf8Length(title) + utf8Length(text);
        long limit = properties.maxDocumentSize().toBytes();
        if (bytes > limit) {
            String which = documents > 1 ? "Document " + position + " of " + documents + " (\"" + excerpt(title) + "\")"
                : "The document";
            throw new UploadRejectedException(ErrorCode.DOCUMENT_TOO_LARGE, which + " has " + bytes
                + " bytes of title and text; the limit is " + limit + " bytes (wenku.ingest.max-document-size)."
                + " Split it into several documents.");
        }
    }

    public boolean split(Boolean requested) {
        return requested != null ? requested : properties.splitCompilations();
    }

    private static long utf8Length(String text) {
        if (text == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    private static String excerpt(String title) {
        return title == null || title.length() <= 20 ? String.valueOf(title) : title.substring(0, 20) + "…";
    }

    private void checkSize(long bytes) {
        if (bytes > properties.maxBodySize().toBytes()) {
            throw new UploadRejectedException(ErrorCode.BODY_TOO_LARGE, "The body has " + bytes
                + " bytes; the limit is " + properties.maxBodySize().toBytes() + " bytes (wenku.ingest.max-body-size).");
        }
    }
}
