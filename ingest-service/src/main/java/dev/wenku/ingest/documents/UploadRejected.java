package dev.wenku.ingest.documents;

import org.springframework.http.HttpStatus;

/** An upload refused for a reason the editor can fix; becomes {@code {"error", "message"}} with the status. */
public class UploadRejected extends RuntimeException {

    private final HttpStatus status;
    private final String error;

    public UploadRejected(HttpStatus status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }
}
