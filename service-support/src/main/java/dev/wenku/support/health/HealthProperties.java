package dev.wenku.support.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Health checks of the services ({@code wenku.health.*}).
 *
 * @param kafkaTimeout how long the {@code kafka} health component waits for the cluster to describe itself
 *                     before it reports DOWN
 */
@ConfigurationProperties("wenku.health")
public record HealthProperties(@DefaultValue("2s") Duration kafkaTimeout) {
}
