package dev.wenku.gateway.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operators' view ({@code wenku.operations.*}).
 *
 * @param backlogRefresh how often consumer lag and dead-letter counts are read from Kafka for the
 *                       {@code wenku.kafka.*} gauges Prometheus scrapes from the gateway
 */
@ConfigurationProperties("wenku.operations")
public record OperationsProperties(Duration backlogRefresh) {

    public OperationsProperties {
        backlogRefresh = backlogRefresh == null ? Duration.ofSeconds(15) : backlogRefresh;
    }
}
