package dev.wenku.ingest.documents;

import dev.wenku.events.Topics;
import dev.wenku.support.kafka.PipelineTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics ingest-service owns; created at start-up when missing (service-support's CreateOnlyTopics). */
@Configuration(proxyBeanMethods = false)
class IngestTopics {

    /** Compacted: the latest version of every document stays for ever, so the corpus can be re-analysed. */
    @Bean
    NewTopic documentsIngestedTopic(PipelineTopics topics) {
        return topics.compacted(Topics.DOCUMENTS_INGESTED);
    }

    /** Status reports are folded into the registry; ingest-service is their only reader. */
    @Bean
    NewTopic documentStatusTopic(PipelineTopics topics) {
        return topics.events(Topics.DOCUMENT_STATUS);
    }
}
