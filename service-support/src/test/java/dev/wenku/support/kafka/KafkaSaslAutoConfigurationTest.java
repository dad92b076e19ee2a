package dev.wenku.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaAdmin;

class KafkaSaslAutoConfigurationTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner().withConfiguration(
        AutoConfigurations.of(KafkaSaslAutoConfiguration.class, KafkaAutoConfiguration.class));

    @Test
    void withAUsernameEveryClientLogsInWithScram() {
        contexts.withPropertyValues("wenku.kafka.sasl.username=search-service", "wenku.kafka.sasl.password=s3cret")
            .run(context -> {
                Map<String, Object> admin = context.getBean(KafkaAdmin.class).getConfigurationProperties();
                assertThat(admin).containsEntry("security.protocol", "SASL_PLAINTEXT")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                    .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule"
                        + " required username=\"search-service\" password=\"s3cret\";");
                assertThat(context.getBean(KafkaProperties.class).buildConsumerProperties())
                    .containsEntry("security.protocol", "SASL_PLAINTEXT").containsKey("sasl.jaas.config");
            });
    }

    @Test
    void overTlsWhenTheDeploymentAsksForIt() {
        contexts.withPropertyValues("wenku.kafka.sasl.username=u", "wenku.kafka.sasl.password=p",
                "wenku.kafka.sasl.mechanism=plain", "spring.kafka.security.protocol=SSL")
            .run(context -> assertThat(context.getBean(KafkaProperties.class).buildProducerProperties())
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN"));
    }

    @Test
    void withoutAUsernameNothingChanges() {
        contexts.run(context -> assertThat(context.getBean(KafkaAdmin.class).getConfigurationProperties())
            .doesNotContainKeys("sasl.jaas.config", "sasl.mechanism", "security.protocol"));
    }

    @Test
    void aMissingPasswordOrAnUnknownMechanismStopsTheStartWithTheSettingsName() {
        contexts.withPropertyValues("wenku.kafka.sasl.username=u").run(context -> assertThat(context)
            .getFailure().rootCause().hasMessageContaining("wenku.kafka.sasl.password"));
        contexts.withPropertyValues("wenku.kafka.sasl.username=u", "wenku.kafka.sasl.password=p",
                "wenku.kafka.sasl.mechanism=GSSAPI").run(context -> assertThat(context)
            .getFailure().rootCause().hasMessageContaining("wenku.kafka.sasl.mechanism"));
    }
}
