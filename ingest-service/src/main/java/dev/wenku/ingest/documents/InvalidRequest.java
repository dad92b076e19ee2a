package dev.wenku.ingest.documents;

/** A request parameter the caller must correct (e.g. paging); answered 400 with {@code {"error", "message"}}. */
public class InvalidRequest extends RuntimeException {

    private final String error;

    public InvalidRequest(String error, String message) {
        super(message);
        this.error = error;
    }

    public String error() {
        return error;
    }
}
