package dev.wenku.analysis.pipeline;

import dev.wenku.analysis.AnalysisProperties;
import dev.wenku.events.Topics;
import dev.wenku.support.kafka.DeadLetterPublisher;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    /** analysis-service owns the topics it produces to. Compacted: the latest analysis of each document stays. */
    @Bean
    NewTopic documentsAnalyzedTopic(AnalysisProperties properties) {
        return TopicBuilder.name(Topics.DOCUMENTS_ANALYZED).partitions(properties.topicPartitions()).compact().build();
    }

    @Bean
    NewTopic deadLetterTopic(AnalysisProperties properties, DeadLetterPublisher deadLetters) {
        return TopicBuilder.name(deadLetters.declare(Topics.DOCUMENTS_INGESTED)).partitions(properties.topicPartitions())
            .build();
    }

    @Bean
    NewTopic corpusTopic(AnalysisProperties properties) {
        return TopicBuilder.name(properties.corpusTopic()).partitions(properties.topicPartitions()).compact().build();
    }

    @Bean
    NewTopic configTopic(AnalysisProperties properties) {
        return TopicBuilder.name(properties.configTopic()).partitions(1).compact().build();
    }
}
