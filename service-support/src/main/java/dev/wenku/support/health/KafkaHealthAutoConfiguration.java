package dev.wenku.support.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Registers the {@code kafka} health component wherever a {@link KafkaAdmin} exists (Spring Boot has none). Add
 * {@code kafka} to the readiness group to keep traffic away from an instance that cannot reach Kafka.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({HealthIndicator.class, KafkaAdmin.class})
@ConditionalOnBean(KafkaAdmin.class)
@EnableConfigurationProperties(HealthProperties.class)
public class KafkaHealthAutoConfiguration {

    @Bean(name = "kafkaHealthIndicator")
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, HealthProperties properties) {
        return new KafkaHealthIndicator(kafkaAdmin.getConfigurationProperties(), properties.kafkaTimeout());
    }
}
