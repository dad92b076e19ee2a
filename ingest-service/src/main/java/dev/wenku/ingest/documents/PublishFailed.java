package dev.wenku.ingest.documents;

/** Kafka did not acknowledge a document in time; the upload was not accepted and may be retried. */
public class PublishFailed extends RuntimeException {

    public PublishFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
