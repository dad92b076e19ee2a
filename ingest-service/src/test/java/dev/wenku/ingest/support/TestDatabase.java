package dev.wenku.ingest.support;

import dev.wenku.infrastructure.launcher.Infrastructure;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real servers an ingest-service under test uses: the shared Kafka, and a database of its own on the shared
 * PostgreSQL server (created empty, Flyway migrates it), so each test class sees only its own documents and its own
 * outbox relay.
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
        String url = create(servers, "wenku_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", servers::postgresUsername);
        registry.add("spring.datasource.password", servers::postgresPassword);
        // Many test classes, one server: small pools.
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        return url;
    }

    /** Command-line arguments of an ingest-service using the shared Kafka and the database at {@code url}. */
    public static String[] arguments(String url) {
        Infrastructure servers = SharedInfrastructure.get();
        return new String[] {"--spring.kafka.bootstrap-servers=" + servers.kafkaBootstrapServers(),
            "--spring.datasource.url=" + url, "--spring.datasource.username=" + servers.postgresUsername(),
            "--spring.datasource.password=" + servers.postgresPassword(),
            "--spring.datasource.hikari.maximum-pool-size=4", "--spring.datasource.hikari.minimum-idle=1"};
    }

    /** Creates an empty database on the shared server; returns its JDBC URL. */
    public static String create(Infrastructure servers, String name) {
        try (Connection connection = DriverManager.getConnection(servers.postgresJdbcUrl(), servers.postgresUsername(),
                servers.postgresPassword()); Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database " + name + ": " + e.getMessage(), e);
        }
        String base = servers.postgresJdbcUrl();
        int slash = base.lastIndexOf('/');
        int query = base.indexOf('?', slash);
        return base.substring(0, slash + 1) + name + (query < 0 ? "" : base.substring(query));
    }
}
