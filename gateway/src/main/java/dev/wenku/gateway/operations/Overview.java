package dev.wenku.gateway.operations;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the operators' page shows: each service's health, the pipeline's counts (since the services started) and
 * rates, end-to-end freshness, consumer lag and dead letters. A figure that could not be read is null.
 */
record Overview(Instant at, List<ServiceHealth> services, Pipeline pipeline, Freshness freshness,
                List<KafkaBacklog.Lag> consumerLag, List<KafkaBacklog.DeadLetters> deadLetters, List<String> problems) {

    record ServiceHealth(String name, String status) {
    }

    /** Documents ingested (new or changed), analysed, indexed and failed; {@code perMinute} over the last minute. */
    record Pipeline(Double ingested, Double analyzed, Double indexed, Double failed, Map<String, Double> perMinute) {
    }

    /** From upload to searchable, in seconds, over the documents indexed since search-service started. */
    record Freshness(Double count, Double p50Seconds, Double p95Seconds, Double p99Seconds, Double maxSeconds) {
    }
}
