package dev.wenku.support.retry;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every service waits out an outage of Kafka, PostgreSQL or Elasticsearch ({@code wenku.outage.*}).
 *
 * @param maxPause longest pause between attempts while a server the service needs is unavailable. Attempts never
 *                 stop, so nothing is skipped: events wait in the outbox, pipeline batches in Kafka (the consumer
 *                 paused, so its group does not rebalance), import lines in their spooled body
 */
@ConfigurationProperties("wenku.outage")
public record OutageProperties(@DefaultValue("30s") Duration maxPause) {

    public OutageProperties {
        if (maxPause.isNegative() || maxPause.isZero()) {
            throw new IllegalArgumentException("wenku.outage.max-pause must be positive, not " + maxPause);
        }
    }
}
