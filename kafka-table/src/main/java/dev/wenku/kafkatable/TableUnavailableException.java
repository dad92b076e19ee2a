package dev.wenku.kafkatable;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;

/**
 * The table could not be read or written in time: Kafka is away, or the table is still loading. A request that
 * meets it is answered {@code 503 kafka_unavailable}: nothing was changed, and it can be retried.
 */
public class TableUnavailableException extends ApiException {

    public TableUnavailableException(String message, Throwable cause) {
        super(ErrorCode.KAFKA_UNAVAILABLE, "The change could not be stored right now: " + message, cause);
    }
}
