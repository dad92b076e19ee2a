package dev.wenku.extraction;

import java.util.Objects;

/** A file whose text could not be extracted; the message names the file and the problem. */
public class ExtractionException extends Exception {

    public enum Reason {
        /** Not a document type that is extracted (image, archive, executable, unknown binary, encrypted). */
        UNSUPPORTED_TYPE,
        /** Truncated or corrupt file of a supported type. */
        MALFORMED,
        /** File, text or decompressed content (zip bomb) beyond the limits, or the parse ran out of memory. */
        TOO_LARGE,
        /** The parse took too long (the worker was killed). */
        TIMEOUT,
        /**
         * No worker became free within the queue timeout: the file was not looked at, and the same call may
         * succeed later.
         */
        BUSY,
        /** The worker died for another reason, or could not be started. */
        WORKER_CRASHED
    }

    private final Reason reason;

    public ExtractionException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ExtractionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
