package dev.wenku.ingest.support;

import dev.wenku.infrastructure.launcher.Infrastructure;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.infrastructure.launcher.TestDatabases;
import dev.wenku.support.testing.TestCallers;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real servers an ingest-service under test uses: the shared Kafka, and a database of its own on the shared
 * PostgreSQL server ({@link TestDatabases}: created empty, Flyway migrates it), so each test class sees only its own
 * documents and its own outbox relay.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    /**
     * Registers a new database for one Spring context (see {@link IngestServiceTest}, which adds the shared Kafka);
     * returns the database's URL.
     */
    public static String register(DynamicPropertyRegistry registry) {
        Infrastructure servers = SharedInfrastructure.get();
        String url = TestDatabases.create(servers, "wenku_test");
        TestDatabases.datasource(servers, url).forEach((name, value) -> registry.add(name, () -> value));
        return url;
    }

    /** Command-line arguments of an ingest-service using the shared Kafka and the database at {@code url}. */
    public static String[] arguments(String url) {
        Infrastructure servers = SharedInfrastructure.get();
        return Stream.concat(Stream.of("--spring.kafka.bootstrap-servers=" + servers.kafkaBootstrapServers(),
                TestCallers.SECRET_ARGUMENT),
            Stream.of(TestDatabases.arguments(servers, url))).toArray(String[]::new);
    }

    /** Creates an empty database named {@code name} on the shared server; returns its JDBC URL. */
    public static String create(Infrastructure servers, String name) {
        return TestDatabases.createNamed(servers, name);
    }
}
