package dev.wenku.kafkahealth;

import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Registers the {@code kafka} health component wherever a {@link KafkaAdmin} exists; its timeout is
 * {@code wenku.health.kafka-timeout} (default 2 s). Add {@code kafka} to the readiness group to keep traffic away
 * from an instance that cannot reach Kafka.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({HealthIndicator.class, KafkaAdmin.class})
@ConditionalOnBean(KafkaAdmin.class)
public class KafkaHealthAutoConfiguration {

    @Bean(name = "kafkaHealthIndicator")
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, Environment environment) {
        Duration timeout = environment.getProperty("wenku.health.kafka-timeout", Duration.class, Duration.ofSeconds(2));
        return new KafkaHealthIndicator(kafkaAdmin.getConfigurationProperties(), timeout);
    }
}
