package dev.wenku.ingest.documents;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;

/** Kafka did not acknowledge a document in time; the upload was not accepted and may be retried. */
public class PublishFailedException extends ApiException {

    /** @param cause why Kafka did not acknowledge it: logged, not shown to the uploader */
    public PublishFailedException(Throwable cause) {
        super(ErrorCode.KAFKA_UNAVAILABLE, "The document could not be stored right now (Kafka did not acknowledge"
            + " it); nothing was accepted. Retry later.", cause);
    }
}
