package dev.wenku.ingest.documents;

import dev.wenku.ingest.IngestProperties;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
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
            throw new UploadRejected(HttpStatus.BAD_REQUEST, "missing_document", "The request has no JSON document.");
        }
        if (upload.title() == null || upload.title().isBlank()) {
            throw new UploadRejected(HttpStatus.BAD_REQUEST, "missing_title", "The document needs a non-empty \"title\".");
        }
        if (upload.body() == null || upload.body().isBlank()) {
            throw new UploadRejected(HttpStatus.BAD_REQUEST, "empty_body", "The document \"body\" is empty.");
        }
        checkSize(upload.body().getBytes(StandardCharsets.UTF_8).length);
    }

    public void validateText(byte[] body) {
        if (body == null || body.length == 0) {
            throw new UploadRejected(HttpStatus.BAD_REQUEST, "empty_body", "The text is empty.");
        }
        checkSize(body.length);
    }

    /** After decoding or extraction: a file with no text in it is refused like an empty one. */
    public void validateDecoded(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new UploadRejected(HttpStatus.BAD_REQUEST, "empty_body", what + " contains no text.");
        }
    }

    public boolean split(Boolean requested) {
        return requested != null ? requested : properties.splitCompilations();
    }

    private void checkSize(long bytes) {
        if (bytes > properties.maxBodySize().toBytes()) {
            throw new UploadRejected(HttpStatus.CONTENT_TOO_LARGE, "body_too_large", "The body has " + bytes
                + " bytes; the limit is " + properties.maxBodySize().toBytes() + " bytes (wenku.ingest.max-body-size).");
        }
    }
}
