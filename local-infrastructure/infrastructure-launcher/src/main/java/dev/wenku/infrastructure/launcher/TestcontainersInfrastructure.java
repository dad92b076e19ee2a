package dev.wenku.infrastructure.launcher;

import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The official Kafka and Elasticsearch images through Testcontainers, for machines with a Docker engine
 * ({@code -Dinfra=testcontainers}). Security is off in the Elasticsearch container, as in docker-compose.yml.
 */
final class TestcontainersInfrastructure implements Infrastructure {

    private final KafkaContainer kafka = new KafkaContainer(ServerVersions.current().kafkaImage());
    private final ElasticsearchContainer elasticsearch = new ElasticsearchContainer(
            ServerVersions.current().elasticsearchImage())
        .withEnv("xpack.security.enabled", "false")
        .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");

    TestcontainersInfrastructure() {
        kafka.start();
        elasticsearch.start();
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String elasticsearchUrl() {
        return "http://" + elasticsearch.getHttpHostAddress();
    }

    @Override
    public void close() {
        elasticsearch.stop();
        kafka.stop();
    }
}
