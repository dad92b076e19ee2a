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
        long bytes = upload.body().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > properties.maxBodySize().toBytes()) {
            throw new UploadRejected(HttpStatus.CONTENT_TOO_LARGE, "body_too_large", "The body has " + bytes
                + " bytes; the limit is " + properties.maxBodySize().toBytes() + " bytes (wenku.ingest.max-body-size).");
        }
    }
}
