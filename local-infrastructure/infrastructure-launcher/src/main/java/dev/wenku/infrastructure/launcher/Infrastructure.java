package dev.wenku.infrastructure.launcher;

/** A Kafka broker and an Elasticsearch node that tests or the platform can use. */
public interface Infrastructure extends AutoCloseable {

    /** {@code host:port} list for Kafka clients. */
    String kafkaBootstrapServers();

    /** Base URL of Elasticsearch's HTTP API, e.g. {@code http://127.0.0.1:9200}. */
    String elasticsearchUrl();

    /** Stops what this object started; servers it merely connected to are left alone. */
    @Override
    void close();
}
