package dev.wenku.ingest.documents;

import org.springframework.http.HttpStatus;

/**
 * An upload refused for a reason the editor can fix; becomes {@code {"error", "message"}} with the status, plus
 * {@code byteOffset} for undecodable bytes.
 */
public class UploadRejected extends RuntimeException {

    private final HttpStatus status;
    private final String error;
    private final Long byteOffset;

    public UploadRejected(HttpStatus status, String error, String message) {
        this(status, error, message, null);
    }

    public UploadRejected(HttpStatus status, String error, String message, Long byteOffset) {
        super(message);
        this.status = status;
        this.error = error;
        this.byteOffset = byteOffset;
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }

    public Long byteOffset() {
        return byteOffset;
    }
}
