package dev.wenku.search.pipeline;

import dev.wenku.search.SearchProperties;
import dev.wenku.events.Topics;
import dev.wenku.support.kafka.DeadLetterPublisher;
import dev.wenku.support.kafka.PipelineTopics;
import dev.wenku.support.retry.OutageBackOff;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * While Elasticsearch is unavailable the failed batch is retried with growing pauses ({@link OutageBackOff}, up to
 * {@code wenku.outage.max-pause}) and without limit, the consumer paused in between so the group does not
 * rebalance: consumption stops while Elasticsearch is down and resumes by itself when it is back, without skipping
 * a document or crash-looping. Batches are sized and timed by {@code wenku.search.bulk.*}.
 */
@Configuration(proxyBeanMethods = false)
class IndexingErrorHandling {

    @Bean
    DefaultErrorHandler indexingErrorHandler(OutageBackOff outage) {
        return new DefaultErrorHandler(outage);
    }

    /**
     * Offsets are committed when a batch is complete ({@link AnalyzedDocumentListener}), which may be during the next
     * poll; idle events complete a batch that no other follows ({@link IndexWriters}).
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> batchCompletionCommits() {
        return container -> {
            container.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
            container.getContainerProperties().setIdleEventInterval(IndexWriters.IDLE_EVENT_INTERVAL.toMillis());
        };
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer bulkSizing(SearchProperties properties) {
        return factory -> factory.updateConfigs(java.util.Map.of(
            "max.poll.records", properties.bulk().maxDocuments(),
            "fetch.max.wait.ms", (int) properties.bulk().maxWait().toMillis(),
            "max.partition.fetch.bytes", (int) properties.bulk().maxFetchBytes().toBytes()));
    }

    @Bean
    NewTopic indexingDeadLetterTopic(PipelineTopics topics, DeadLetterPublisher deadLetters) {
        return topics.events(deadLetters.declare(Topics.DOCUMENTS_ANALYZED));
    }
}
