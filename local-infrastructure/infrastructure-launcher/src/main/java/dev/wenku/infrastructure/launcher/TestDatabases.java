package dev.wenku.infrastructure.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Databases of their own on the shared PostgreSQL server, for the tests of every service that keeps data in
 * PostgreSQL: each test class (or Spring context) gets an empty database that its service's Flyway migrates, so it
 * sees only its own rows, and many of them share one server.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** Creates an empty database named {@code prefix} and a random suffix; returns its JDBC URL. */
    public static String create(Infrastructure servers, String prefix) {
        return createNamed(servers, prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    /** Creates an empty database named {@code name}; returns its JDBC URL. */
    public static String createNamed(Infrastructure servers, String name) {
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

    /**
     * The Spring settings of a service using the database at {@code url}, with a small pool (many test contexts, one
     * server), in the order a command line or a {@code DynamicPropertyRegistry} takes them.
     */
    public static Map<String, String> datasource(Infrastructure servers, String url) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.datasource.url", url);
        settings.put("spring.datasource.username", servers.postgresUsername());
        settings.put("spring.datasource.password", servers.postgresPassword());
        settings.put("spring.datasource.hikari.maximum-pool-size", "4");
        settings.put("spring.datasource.hikari.minimum-idle", "1");
        return settings;
    }

    /** {@link #datasource} as command-line arguments ({@code --name=value}). */
    public static String[] arguments(Infrastructure servers, String url) {
        return datasource(servers, url).entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    }
}
