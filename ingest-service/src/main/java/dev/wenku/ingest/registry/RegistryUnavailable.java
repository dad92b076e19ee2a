package dev.wenku.ingest.registry;

/** The registry could not be read or written in time (Kafka away, or still loading). Answered with 503. */
public class RegistryUnavailable extends RuntimeException {

    public RegistryUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
