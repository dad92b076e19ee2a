package dev.wenku.support.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The account a service logs in to Kafka with ({@code wenku.kafka.sasl.*}), for a broker that requires SASL and
 * authorises each account by ACLs (the embedded run and docker-compose.yml; {@code docs/security.md}). Without a
 * username the service connects without SASL, as a broker without users expects.
 *
 * <p>Why settings of our own rather than {@code spring.kafka.properties.sasl.jaas.config}: that value is a JAAS line
 * holding the password, which would have to be assembled in every deployment (and quoted correctly); here a
 * deployment gives the name and the password, each in an environment variable, and the line is built once.
 *
 * @param username  the Kafka user; none (the default) turns SASL off
 * @param password  its password, required with a username; it may not contain {@code "} or {@code \}
 * @param mechanism the SASL mechanism: {@code SCRAM-SHA-256}, {@code SCRAM-SHA-512} or {@code PLAIN}
 */
@ConfigurationProperties("wenku.kafka.sasl")
public record KafkaSaslProperties(String username, String password, @DefaultValue("SCRAM-SHA-256") String mechanism) {
}
