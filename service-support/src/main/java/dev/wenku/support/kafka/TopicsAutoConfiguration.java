package dev.wenku.support.kafka;

import java.time.Duration;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The pipeline's topics ({@link PipelineTopics#pipeline()}) and those a service declares as its own ({@link NewTopic}
 * beans, built with {@link PipelineTopics}) are created before any listener starts (or, while the cluster cannot
 * create them, as soon as it can), and an existing topic is never altered ({@link CreateOnlyTopics}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBean(KafkaProperties.class)
@EnableConfigurationProperties(TopicProperties.class)
public class TopicsAutoConfiguration {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
    /** The pause between attempts while the cluster cannot create the topics (one log line per attempt). */
    private static final Duration RETRY_EVERY = Duration.ofSeconds(5);

    @Bean
    PipelineTopics pipelineTopics(TopicProperties properties) {
        return new PipelineTopics(properties);
    }

    @Bean
    SmartInitializingSingleton createOnlyTopics(TopicProperties properties, KafkaProperties kafka,
                                                PipelineTopics topics, ObjectProvider<NewTopic> declared) {
        return () -> {
            if (properties.create()) {
                new CreateOnlyTopics(kafka.buildAdminProperties(), ADMIN_TIMEOUT)
                    .createOrKeepTrying(Stream.concat(topics.pipeline().stream(), declared.orderedStream()).toList(),
                        RETRY_EVERY);
            }
        };
    }
}
