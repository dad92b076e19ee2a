package dev.wenku.ingest.support;

import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The beans {@link IngestServiceTest} adds to the application under test. A plain class, not a
 * {@code @Configuration}: the application's component scan must not pick it up when a test starts the application
 * itself.
 */
final class IngestServiceTestServers {

    /** The shared Kafka's address, which {@link IngestServiceTest} passes on as {@code spring.kafka.bootstrap-servers}. */
    static final String SHARED_KAFKA = "wenku.test.shared-kafka-bootstrap-servers";

    /**
     * A new database for this application context, and the shared Kafka's address under a name of its own: a dynamic
     * property overrides everything, so {@code spring.kafka.bootstrap-servers} itself is left to the (overridable)
     * defaults of {@link IngestServiceTest}.
     */
    @Bean
    static DynamicPropertyRegistrar ingestServiceTestServers() {
        return registry -> {
            TestDatabase.register(registry);
            registry.add(SHARED_KAFKA, () -> SharedInfrastructure.get().kafkaBootstrapServers());
        };
    }

    /** Lazy: the port is known once the server has started, after the beans are created. */
    @Bean
    @Lazy
    IngestClient ingestClient(@Value("${local.server.port}") int port) {
        return new IngestClient(port);
    }
}
