package dev.wenku.support.retry;

import java.time.Duration;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The pauses between attempts while a server the pipeline needs (Kafka, PostgreSQL, Elasticsearch) is unavailable:
 * 250 ms, doubling up to {@code wenku.outage.max-pause}, and never giving up. An outage is no fault of the work
 * waiting for it, so that work is neither skipped nor sent to a dead-letter topic; the pause only bounds how soon
 * a service notices the server is back and how hard it knocks meanwhile. Every service waits out an outage the same
 * way: Kafka listeners through their error handler, loops of their own through {@link #retries()}.
 */
public final class OutageBackOff implements BackOff {

    private static final long FIRST_PAUSE_MILLIS = 250;
    private static final double GROWTH = 2.0;

    private final Duration maxPause;

    public OutageBackOff(Duration maxPause) {
        this.maxPause = maxPause;
    }

    @Override
    public BackOffExecution start() {
        ExponentialBackOff backOff = new ExponentialBackOff(FIRST_PAUSE_MILLIS, GROWTH);
        backOff.setMaxInterval(Math.max(FIRST_PAUSE_MILLIS, maxPause.toMillis()));
        return backOff.start();
    }

    /** The pauses of a loop of one's own: the first failure starts them, a success starts them afresh. */
    public Retries retries() {
        return new Retries();
    }

    /** One loop's pauses while an outage lasts (not thread-safe: one loop, one instance). */
    public final class Retries {

        private BackOffExecution current;

        private Retries() {
        }

        /** How long to pause after another failed attempt. */
        public Duration nextPause() {
            if (current == null) {
                current = start();
            }
            return Duration.ofMillis(current.nextBackOff());
        }

        /** The attempt worked: the next outage starts from the shortest pause again. */
        public void succeeded() {
            current = null;
        }
    }
}
