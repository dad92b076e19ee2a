package dev.wenku.operations.deadletters;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Replay of dead letters ({@code wenku.dead-letters.*}).
 *
 * @param replayGroup   Kafka consumer group that remembers, per dead-letter topic, how far replays have got, so a
 *                      dead letter is replayed once (if it fails again it comes back as a new dead letter)
 * @param replayTimeout longest time a replay may take to read the dead-letter and source topics and have Kafka
 *                      acknowledge what it sends back
 */
@ConfigurationProperties("wenku.dead-letters")
public record DeadLetterProperties(
    @DefaultValue("wenku-dead-letter-replay") String replayGroup,
    @DefaultValue("60s") Duration replayTimeout) {
}
