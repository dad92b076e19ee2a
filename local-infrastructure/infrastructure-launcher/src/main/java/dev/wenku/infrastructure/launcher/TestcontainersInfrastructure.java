package dev.wenku.infrastructure.launcher;

import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The official Kafka, Elasticsearch and PostgreSQL images through Testcontainers, for machines with a Docker engine
 * ({@code -Dinfra=testcontainers}). Security is off in the Elasticsearch container, as in docker-compose.yml;
 * PostgreSQL has the database {@code wenku} and a superuser {@code postgres} with a password made for this run.
 */
final class TestcontainersInfrastructure implements Infrastructure {

    private final KafkaContainer kafka = new KafkaContainer(ServerVersions.current().kafkaImage());
    private final ElasticsearchContainer elasticsearch = new ElasticsearchContainer(
            ServerVersions.current().elasticsearchImage())
        .withEnv("xpack.security.enabled", "false")
        .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
    private final PostgreSQLContainer postgres = new PostgreSQLContainer(ServerVersions.current().postgresImage())
        .withDatabaseName("wenku")
        .withUsername(EmbeddedInfrastructure.POSTGRES_USER)
        .withPassword(newPassword());

    TestcontainersInfrastructure() {
        kafka.start();
        elasticsearch.start();
        postgres.start();
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
    public String postgresJdbcUrl() {
        return postgres.getJdbcUrl();
    }

    @Override
    public String postgresUsername() {
        return postgres.getUsername();
    }

    @Override
    public String postgresPassword() {
        return postgres.getPassword();
    }

    private static String newPassword() {
        return RandomSecrets.generate(16);
    }

    @Override
    public void close() {
        postgres.stop();
        elasticsearch.stop();
        kafka.stop();
    }
}
