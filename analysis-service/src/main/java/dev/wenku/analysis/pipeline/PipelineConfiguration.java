package dev.wenku.analysis.pipeline;

import dev.wenku.analysis.AnalysisProperties;
import dev.wenku.events.Topics;
import dev.wenku.support.kafka.DeadLetterPublisher;
import dev.wenku.support.kafka.PipelineTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The topics that are analysis-service's alone; created at start-up when missing, with the pipeline's topics
 * (service-support's {@link PipelineTopics}).
 */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    @Bean
    NewTopic deadLetterTopic(PipelineTopics topics, DeadLetterPublisher deadLetters) {
        return topics.events(deadLetters.declare(Topics.DOCUMENTS_INGESTED));
    }

    /** One partition: the operators' settings are applied in the order they were made. */
    @Bean
    NewTopic configTopic(PipelineTopics topics, AnalysisProperties properties) {
        return topics.singlePartitionCompacted(properties.configTopic());
    }
}
