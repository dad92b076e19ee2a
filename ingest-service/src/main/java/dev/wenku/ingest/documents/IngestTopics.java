package dev.wenku.ingest.documents;

import dev.wenku.support.kafka.PipelineTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics ingest-service owns; created at start-up when missing (service-support's CreateOnlyTopics). */
@Configuration(proxyBeanMethods = false)
class IngestTopics {

    /** What ingest-service publishes. */
    @Bean
    NewTopic documentsIngestedTopic(PipelineTopics topics) {
        return topics.documentsIngested();
    }

    /** Status reports are folded into the registry; ingest-service is their only reader. */
    @Bean
    NewTopic documentStatusTopic(PipelineTopics topics) {
        return topics.documentStatus();
    }

    /** Read for the analysis summary of each version ({@link PipelineTopics}: every reader declares its topics). */
    @Bean
    NewTopic documentsAnalyzedTopic(PipelineTopics topics) {
        return topics.documentsAnalyzed();
    }
}
