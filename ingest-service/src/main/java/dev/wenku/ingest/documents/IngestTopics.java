package dev.wenku.ingest.documents;

import dev.wenku.events.Topics;
import dev.wenku.ingest.IngestProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** ingest-service owns the topic it produces to; Spring's KafkaAdmin creates it at start-up if missing. */
@Configuration(proxyBeanMethods = false)
class IngestTopics {

    @Bean
    NewTopic documentsIngestedTopic(IngestProperties properties) {
        return TopicBuilder.name(Topics.DOCUMENTS_INGESTED).partitions(properties.topicPartitions()).build();
    }
}
