package dev.wenku.support.kafka;

import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Logs every Kafka client of the service (listeners, templates, admin, and the clients the services build from
 * {@link KafkaProperties} themselves) in with the account of {@link KafkaSaslProperties}, by adding the SASL settings
 * to {@link KafkaProperties} once it is bound: one place, so no client can be missed.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaProperties.class)
public class KafkaSaslAutoConfiguration {

    private static final Map<String, String> LOGIN_MODULES = Map.of(
        "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
        "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule",
        "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");

    /** Static: a post-processor is created before the other beans, so it must not need this configuration's instance. */
    @Bean
    static BeanPostProcessor kafkaSaslLogin(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof KafkaProperties kafka) {
                    apply(kafka, Binder.get(environment).bindOrCreate("wenku.kafka.sasl", KafkaSaslProperties.class));
                }
                return bean;
            }
        };
    }

    /** Adds the SASL settings of {@code sasl} to {@code kafka}; nothing without a username. */
    static void apply(KafkaProperties kafka, KafkaSaslProperties sasl) {
        if (sasl.username() == null || sasl.username().isBlank()) {
            return;
        }
        String mechanism = sasl.mechanism().toUpperCase(Locale.ROOT);
        String module = LOGIN_MODULES.get(mechanism);
        if (module == null) {
            throw new IllegalStateException("wenku.kafka.sasl.mechanism must be one of " + LOGIN_MODULES.keySet()
                + ", not " + sasl.mechanism());
        }
        String password = sasl.password();
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException("wenku.kafka.sasl.password is required with wenku.kafka.sasl.username");
        }
        if (password.contains("\"") || password.contains("\\") || sasl.username().contains("\"")) {
            throw new IllegalStateException("wenku.kafka.sasl.username and .password may not contain '\"' or '\\'"
                + " (they are written into a JAAS line)");
        }
        // Over TLS when the deployment asked for it (spring.kafka.security.protocol=SSL), in plain text otherwise.
        String protocol = kafka.getSecurity().getProtocol();
        kafka.getSecurity().setProtocol("SSL".equalsIgnoreCase(protocol) || "SASL_SSL".equalsIgnoreCase(protocol)
            ? "SASL_SSL" : "SASL_PLAINTEXT");
        kafka.getProperties().put("sasl.mechanism", mechanism);
        kafka.getProperties().put("sasl.jaas.config",
            module + " required username=\"" + sasl.username() + "\" password=\"" + password + "\";");
    }
}
