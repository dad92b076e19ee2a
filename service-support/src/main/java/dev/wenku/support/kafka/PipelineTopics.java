package dev.wenku.support.kafka;

import dev.wenku.events.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

/**
 * Declarations of the topics a service creates, with the partitions, replicas, {@code min.insync.replicas} and
 * tombstone retention of {@link TopicProperties}: a service declares a topic as a {@link NewTopic} bean built here,
 * and {@link CreateOnlyTopics} creates it if missing.
 *
 * <p>The pipeline's own topics ({@link #pipeline()}) are defined here once and created by every service with Kafka
 * ({@link TopicsAutoConfiguration}), so whichever starts first creates them as defined, whatever the start order; a
 * service declares only the topics that are its alone (dead letters, settings). The broker creates no topic by itself
 * ({@code auto.create.topics.enable=false}, so a mistyped name or a stray client cannot make one). With automatic
 * creation, a consumer that started first would have created a compacted topic as a plain one.
 */
public final class PipelineTopics {

    private final TopicProperties properties;

    public PipelineTopics(TopicProperties properties) {
        this.properties = properties;
    }

    /** The definitions with the default {@code wenku.kafka.topics.*}, for tools and tests outside a service. */
    public static PipelineTopics withDefaults() {
        return new PipelineTopics(Binder.get(new StandardEnvironment())
            .bindOrCreate("wenku.kafka.topics", TopicProperties.class));
    }

    /** The topics every stage of the pipeline reads or writes. */
    public List<NewTopic> pipeline() {
        return List.of(documentsIngested(), documentsAnalyzed(), documentStatus());
    }

    /** {@link Topics#DOCUMENTS_INGESTED}, compacted: the latest version of every document stays, for re-analysis. */
    public NewTopic documentsIngested() {
        return compacted(Topics.DOCUMENTS_INGESTED);
    }

    /** {@link Topics#DOCUMENTS_ANALYZED}, compacted: the latest analysis of every document stays, for index rebuilds. */
    public NewTopic documentsAnalyzed() {
        return compacted(Topics.DOCUMENTS_ANALYZED);
    }

    /** {@link Topics#DOCUMENT_STATUS}: reports folded into the registry as they come, deleted by age. */
    public NewTopic documentStatus() {
        return events(Topics.DOCUMENT_STATUS);
    }

    /** A topic of events, deleted by age as the broker's retention says. */
    public NewTopic events(String name) {
        return new NewTopic(name, properties.partitions(), properties.replicationFactor()).configs(configs(false));
    }

    /** A compacted topic: the latest record of each key is kept for good (the latest state of each document). */
    public NewTopic compacted(String name) {
        return new NewTopic(name, properties.partitions(), properties.replicationFactor()).configs(configs(true));
    }

    /** A compacted topic of one partition, for settings that must be read in one total order. */
    public NewTopic singlePartitionCompacted(String name) {
        return new NewTopic(name, 1, properties.replicationFactor()).configs(configs(true));
    }

    /** The topic configuration the settings give; what they leave to the broker is not named. */
    private Map<String, String> configs(boolean compacted) {
        Map<String, String> configs = new LinkedHashMap<>();
        if (properties.minInsyncReplicas() > 0) {
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(properties.minInsyncReplicas()));
        }
        if (compacted) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            configs.put(TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(properties.deleteRetention().toMillis()));
        }
        return configs;
    }
}
