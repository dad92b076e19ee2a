package dev.wenku.infrastructure.launcher;

import java.util.List;
import java.util.Map;

/** A Kafka broker, an Elasticsearch node and a PostgreSQL server that tests or the platform can use. */
public interface Infrastructure extends AutoCloseable {

    /** {@code host:port} list for Kafka clients. */
    String kafkaBootstrapServers();

    /**
     * Settings a Kafka client of a test or tool connects with: the bootstrap servers and, where the broker requires
     * users, the login of its super user.
     */
    default Map<String, Object> kafkaClientSettings() {
        return Map.of("bootstrap.servers", kafkaBootstrapServers());
    }

    /** Base URL of Elasticsearch's HTTP API, e.g. {@code http://127.0.0.1:9200}. */
    String elasticsearchUrl();

    /** Every Elasticsearch node's base URL, for a client that may use any of them (a single node's alone). */
    default List<String> elasticsearchUrls() {
        return List.of(elasticsearchUrl());
    }

    /** JDBC URL of the database {@code wenku}, e.g. {@code jdbc:postgresql://127.0.0.1:5432/wenku}. */
    String postgresJdbcUrl();

    /** The PostgreSQL user the services connect as. */
    String postgresUsername();

    /** That user's password (give it to a child process in its environment, never on its command line). */
    String postgresPassword();

    /** Stops what this object started; servers it merely connected to are left alone. */
    @Override
    void close();
}
