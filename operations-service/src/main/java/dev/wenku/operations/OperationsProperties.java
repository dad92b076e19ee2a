package dev.wenku.operations;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operators' overview ({@code wenku.operations.*}).
 *
 * @param services       the services the overview shows, by application name; their instances come from Spring
 *                       Cloud's discovery client ({@code spring.cloud.discovery.client.simple.instances.<name>[i].uri}
 *                       when there is no registry)
 * @param prometheusUrl  Prometheus's base URL (e.g. {@code http://prometheus:9090}): when set, the overview's figures
 *                       are PromQL queries over what Prometheus scraped; when not, every instance of each service is
 *                       read directly
 * @param scrapeTimeout  how long the overview waits for one instance's health and metrics, or for Prometheus
 * @param backlogRefresh how often consumer lag and dead-letter counts are read from Kafka for the
 *                       {@code wenku.kafka.*} gauges
 */
@ConfigurationProperties("wenku.operations")
public record OperationsProperties(
    @DefaultValue({"ingest-service", "analysis-service", "search-service"}) List<String> services,
    URI prometheusUrl,
    @DefaultValue("2s") Duration scrapeTimeout,
    @DefaultValue("15s") Duration backlogRefresh) {
}
