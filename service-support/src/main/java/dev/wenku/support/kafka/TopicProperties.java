package dev.wenku.support.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the services create the Kafka topics they declare ({@code wenku.kafka.topics.*}), the same for every service.
 *
 * @param partitions        partitions of every pipeline topic a service creates. It bounds how many consumers of one
 *                          group work in parallel (listener threads across all instances), so it is set high enough to
 *                          scale out. Only used when a topic is created: an existing topic keeps its partitions,
 *                          because adding partitions sends a document's later events to another partition than its
 *                          earlier ones and breaks their order (docs/operations.md, "Partitions")
 * @param replicationFactor replicas of every topic a service creates; {@code -1} takes the broker's
 *                          {@code default.replication.factor}
 * @param create            whether a service creates its missing topics at start-up; off where an operator creates
 *                          them (a cluster whose services may not create topics). A start-up with an unreachable broker
 *                          waits up to 10 s for it, then goes on without the topics
 */
@ConfigurationProperties("wenku.kafka.topics")
public record TopicProperties(@DefaultValue("12") int partitions, @DefaultValue("-1") short replicationFactor,
                              @DefaultValue("true") boolean create) {

    public TopicProperties {
        if (partitions < 1) {
            throw new IllegalArgumentException("wenku.kafka.topics.partitions must be at least 1, not " + partitions);
        }
    }
}
