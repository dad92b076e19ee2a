package dev.wenku.kafkatable;

/** The table could not be read or written in time: Kafka is away, or the table is still loading. */
public class TableUnavailable extends RuntimeException {

    public TableUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
