package dev.wenku.support.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the services create the Kafka topics they declare ({@code wenku.kafka.topics.*}), the same for every service.
 * Each is used only when a topic is created: an existing topic keeps what it was created with (an operator changes
 * it with {@code kafka-configs.sh}, docs/operations.md, "Partitions").
 *
 * @param partitions        partitions of every pipeline topic a service creates. It bounds how many consumers of one
 *                          group work in parallel (listener threads across all instances), so it is set high enough to
 *                          scale out. An existing topic keeps its partitions, because adding partitions sends a
 *                          document's later events to another partition than its earlier ones and breaks their order
 *                          (docs/operations.md, "Partitions")
 * @param replicationFactor replicas of every topic a service creates; {@code -1} takes the broker's
 *                          {@code default.replication.factor}
 * @param minInsyncReplicas replicas that must have a record before the broker acknowledges it (the producers ask for
 *                          {@code acks=all}), for every topic a service creates: with 3 replicas, 2 lets one broker be
 *                          down without losing an acknowledged record or refusing writes. {@code -1} takes the
 *                          broker's {@code min.insync.replicas}
 * @param deleteRetention   how long the tombstone of a deleted document stays on a compacted topic after compaction
 *                          reached it ({@code delete.retention.ms}): a consumer or index rebuild that reads the topic
 *                          within this time still sees the deletion, one that starts later never sees the document
 * @param create            whether a service creates its missing topics at start-up; off where an operator creates
 *                          them (a cluster whose services may not create topics). A start-up with an unreachable broker
 *                          waits up to 10 s for it, then goes on without the topics
 */
@ConfigurationProperties("wenku.kafka.topics")
public record TopicProperties(@DefaultValue("12") int partitions, @DefaultValue("-1") short replicationFactor,
                              @DefaultValue("-1") int minInsyncReplicas, @DefaultValue("1d") Duration deleteRetention,
                              @DefaultValue("true") boolean create) {

    public TopicProperties {
        if (partitions < 1) {
            throw new IllegalArgumentException("wenku.kafka.topics.partitions must be at least 1, not " + partitions);
        }
        if (minInsyncReplicas == 0 || minInsyncReplicas < -1) {
            throw new IllegalArgumentException("wenku.kafka.topics.min-insync-replicas must be at least 1 (or -1 for"
                + " the broker's default), not " + minInsyncReplicas);
        }
        if (replicationFactor > 0 && minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("wenku.kafka.topics.min-insync-replicas (" + minInsyncReplicas
                + ") must not exceed wenku.kafka.topics.replication-factor (" + replicationFactor
                + "): no write could ever be acknowledged");
        }
        if (deleteRetention.isNegative()) {
            throw new IllegalArgumentException("wenku.kafka.topics.delete-retention must not be negative");
        }
    }
}
