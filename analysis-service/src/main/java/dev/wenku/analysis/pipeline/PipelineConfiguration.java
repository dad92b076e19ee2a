package dev.wenku.analysis.pipeline;

import dev.wenku.analysis.AnalysisProperties;
import dev.wenku.events.Topics;
import dev.wenku.support.kafka.DeadLetterPublisher;
import dev.wenku.support.kafka.PipelineTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics analysis-service owns; created at start-up when missing (service-support's CreateOnlyTopics). */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    /** What analysis-service publishes (and the status reports it sends alongside). */
    @Bean
    NewTopic documentsAnalyzedTopic(PipelineTopics topics) {
        return topics.documentsAnalyzed();
    }

    @Bean
    NewTopic documentStatusTopic(PipelineTopics topics) {
        return topics.documentStatus();
    }

    /** What analysis-service reads ({@link PipelineTopics}: every reader declares its topics too). */
    @Bean
    NewTopic documentsIngestedTopic(PipelineTopics topics) {
        return topics.documentsIngested();
    }

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
