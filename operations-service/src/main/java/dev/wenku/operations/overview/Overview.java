package dev.wenku.operations.overview;

import dev.wenku.support.kafka.ConsumerLag;
import dev.wenku.operations.backlog.KafkaBacklog;
import dev.wenku.operations.backlog.KafkaCluster;
import dev.wenku.operations.elasticsearch.ElasticsearchCluster;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the operators' page shows: each service's health (and each of its instances'), the pipeline's counts and
 * rates, end-to-end freshness, consumer lag and dead letters, Kafka's brokers and partitions, and where each figure
 * came from. A figure that could
 * not be read is null, with the reason among {@code problems}.
 *
 * @param source  {@code prometheus} when the figures are Prometheus queries, {@code instances} when every instance was
 *                read directly
 * @param backlog per consumer group: its whole lag, its pace and when it will be drained
 * @param kafka   the brokers that answer and those down, and the partitions short of replicas or of a leader
 * @param elasticsearch the configured nodes that answer and those down, and the cluster's health; null when no node
 *                      is configured ({@code spring.elasticsearch.uris})
 */
public record Overview(Instant at, String source, List<ServiceHealth> services, Pipeline pipeline,
                       Freshness freshness, List<BacklogDrain.GroupBacklog> backlog,
                       List<ConsumerLag.Lag> consumerLag, List<KafkaBacklog.DeadLetters> deadLetters,
                       KafkaCluster kafka, ElasticsearchCluster elasticsearch, List<String> problems) {

    /** {@code UP} when every instance is up, {@code DEGRADED} when some are, {@code DOWN} when none is (or none known). */
    public record ServiceHealth(String name, String status, List<InstanceHealth> instances) {

        static ServiceHealth of(String name, List<InstanceHealth> instances) {
            long up = instances.stream().filter(i -> "UP".equals(i.status())).count();
            String status = up == 0 ? "DOWN" : up == instances.size() ? "UP" : "DEGRADED";
            return new ServiceHealth(name, status, instances);
        }
    }

    public record InstanceHealth(String instance, String status) {
    }

    /** Documents ingested (new or changed), analysed, indexed and failed; {@code perMinute} over the last minute. */
    public record Pipeline(Double ingested, Double analyzed, Double indexed, Double failed,
                           Map<String, Double> perMinute) {
    }

    /**
     * From upload to indexed, in seconds, over the documents indexed since search-service started. A percentile is
     * never above the maximum; {@code beyondTopBucket} counts documents slower than the histogram's largest bound,
     * whose percentiles can only be said to exceed it.
     */
    public record Freshness(Double count, Double p50Seconds, Double p95Seconds, Double p99Seconds, Double maxSeconds,
                            Double beyondTopBucket) {

        static final Freshness UNKNOWN = new Freshness(null, null, null, null, null, null);
    }
}
