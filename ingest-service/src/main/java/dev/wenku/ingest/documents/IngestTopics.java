package dev.wenku.ingest.documents;

import dev.wenku.events.Topics;
import dev.wenku.ingest.IngestProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topics ingest-service owns; Spring's KafkaAdmin creates them at start-up when missing. */
@Configuration(proxyBeanMethods = false)
class IngestTopics {

    /** Compacted: the latest version of every document stays for ever, so the corpus can be re-analysed. */
    @Bean
    NewTopic documentsIngestedTopic(IngestProperties properties) {
        return TopicBuilder.name(Topics.DOCUMENTS_INGESTED).partitions(properties.topicPartitions()).compact().build();
    }

    /** Status reports are folded into the registry; ingest-service is their only reader. */
    @Bean
    NewTopic documentStatusTopic(IngestProperties properties) {
        return TopicBuilder.name(Topics.DOCUMENT_STATUS).partitions(properties.topicPartitions()).build();
    }
}
