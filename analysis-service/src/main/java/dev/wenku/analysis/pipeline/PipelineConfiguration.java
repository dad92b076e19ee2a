package dev.wenku.analysis.pipeline;

import dev.wenku.analysis.AnalysisProperties;
import dev.wenku.events.Topics;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    /** analysis-service owns the topic it produces to. */
    @Bean
    NewTopic documentsAnalyzedTopic(AnalysisProperties properties) {
        return TopicBuilder.name(Topics.DOCUMENTS_ANALYZED).partitions(properties.topicPartitions()).build();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
