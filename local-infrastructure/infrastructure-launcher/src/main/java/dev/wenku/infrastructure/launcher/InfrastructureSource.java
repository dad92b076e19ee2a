package dev.wenku.infrastructure.launcher;

import java.util.function.Function;

/**
 * Which Kafka and Elasticsearch the tests use:
 * <ul>
 *   <li>{@code KAFKA_BOOTSTRAP_SERVERS} and {@code ELASTICSEARCH_URL} both set: those existing servers;</li>
 *   <li>{@code -Dinfra=testcontainers}: the official images through Testcontainers (needs Docker);</li>
 *   <li>otherwise ({@code -Dinfra=embedded}, the default): real servers in child JVMs from this build.</li>
 * </ul>
 */
public enum InfrastructureSource {
    EMBEDDED, TESTCONTAINERS, EXISTING;

    static final String KAFKA_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    static final String ELASTICSEARCH_ENV = "ELASTICSEARCH_URL";

    public static InfrastructureSource select(Function<String, String> systemProperties,
                                              Function<String, String> environment) {
        boolean kafkaGiven = isSet(environment.apply(KAFKA_ENV));
        boolean elasticsearchGiven = isSet(environment.apply(ELASTICSEARCH_ENV));
        if (kafkaGiven && elasticsearchGiven) {
            return EXISTING;
        }
        if (kafkaGiven || elasticsearchGiven) {
            throw new IllegalStateException("Set both " + KAFKA_ENV + " and " + ELASTICSEARCH_ENV
                + " to use existing servers; only " + (kafkaGiven ? KAFKA_ENV : ELASTICSEARCH_ENV) + " is set");
        }
        String infra = systemProperties.apply("infra");
        if (!isSet(infra) || infra.equalsIgnoreCase("embedded")) {
            return EMBEDDED;
        }
        if (infra.equalsIgnoreCase("testcontainers")) {
            return TESTCONTAINERS;
        }
        throw new IllegalStateException("Unknown -Dinfra=" + infra + "; use embedded (default) or testcontainers");
    }

    Infrastructure start(Function<String, String> environment) {
        return switch (this) {
            case EXISTING -> new ExistingInfrastructure(environment.apply(KAFKA_ENV), environment.apply(ELASTICSEARCH_ENV));
            case TESTCONTAINERS -> new TestcontainersInfrastructure();
            case EMBEDDED -> EmbeddedInfrastructure.startTemporary(ProjectLayout.locate());
        };
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
