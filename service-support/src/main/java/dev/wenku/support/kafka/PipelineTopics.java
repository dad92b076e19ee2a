package dev.wenku.support.kafka;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Declarations of the topics a service creates, with the partitions and replicas of {@link TopicProperties}: a
 * service declares a topic as a {@link NewTopic} bean built here, and {@link CreateOnlyTopics} creates it if missing.
 */
public final class PipelineTopics {

    private final TopicProperties properties;

    public PipelineTopics(TopicProperties properties) {
        this.properties = properties;
    }

    /** A topic of events, deleted by age as the broker's retention says. */
    public NewTopic events(String name) {
        return new NewTopic(name, properties.partitions(), properties.replicationFactor());
    }

    /** A compacted topic: the latest record of each key is kept for good (the latest state of each document). */
    public NewTopic compacted(String name) {
        return events(name).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    /** A compacted topic of one partition, for settings that must be read in one total order. */
    public NewTopic singlePartitionCompacted(String name) {
        return new NewTopic(name, 1, properties.replicationFactor())
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }
}
