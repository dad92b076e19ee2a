package dev.wenku.support.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;

/** The {@link DeadLetterPublisher} of every service that consumes from Kafka. */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBean(KafkaProperties.class)
public class DeadLetterAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DeadLetterPublisher deadLetterPublisher(KafkaProperties kafka, ObjectProvider<KafkaTemplate<?, ?>> events,
                                            ObjectProvider<MeterRegistry> meters) {
        return new DeadLetterPublisher(kafka.buildProducerProperties(), events.getIfUnique(),
            meters.getIfAvailable(() -> Metrics.globalRegistry));
    }
}
