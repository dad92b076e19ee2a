package dev.wenku.gateway.deadletters;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Replay of dead letters ({@code wenku.dead-letters.*}).
 *
 * @param replayGroup   Kafka consumer group that remembers, per dead-letter topic, how far replays have got, so a
 *                      dead letter is replayed once (if it fails again it comes back as a new dead letter)
 * @param replayTimeout longest time a replay may take to read the dead-letter and source topics and have Kafka
 *                      acknowledge what it sends back
 */
@ConfigurationProperties("wenku.dead-letters")
public record DeadLetterProperties(String replayGroup, Duration replayTimeout) {

    public DeadLetterProperties {
        replayGroup = replayGroup == null || replayGroup.isBlank() ? "wenku-dead-letter-replay" : replayGroup;
        replayTimeout = replayTimeout == null ? Duration.ofSeconds(60) : replayTimeout;
    }
}
