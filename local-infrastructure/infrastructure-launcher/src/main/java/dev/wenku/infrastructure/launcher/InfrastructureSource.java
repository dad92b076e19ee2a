package dev.wenku.infrastructure.launcher;

import java.util.List;
import java.util.function.Function;

/**
 * Which Kafka, Elasticsearch and PostgreSQL the tests use:
 * <ul>
 *   <li>{@code KAFKA_BOOTSTRAP_SERVERS}, {@code ELASTICSEARCH_URL}, {@code POSTGRES_URL} (a JDBC URL),
 *       {@code POSTGRES_USER} and {@code POSTGRES_PASSWORD} all set: those existing servers;</li>
 *   <li>{@code -Dinfra=testcontainers}: the official images through Testcontainers (needs Docker);</li>
 *   <li>otherwise ({@code -Dinfra=embedded}, the default): real servers in child processes from this build.</li>
 * </ul>
 * One of the three addresses set without the others is an error naming what is missing: half the servers of one
 * kind and half of another would be a test run against something nobody meant. {@code POSTGRES_USER} and
 * {@code POSTGRES_PASSWORD} alone (common names in a developer's shell) select nothing.
 */
public enum InfrastructureSource {
    EMBEDDED, TESTCONTAINERS, EXISTING;

    static final String KAFKA_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    static final String ELASTICSEARCH_ENV = "ELASTICSEARCH_URL";
    static final String POSTGRES_URL_ENV = "POSTGRES_URL";
    static final String POSTGRES_USER_ENV = "POSTGRES_USER";
    static final String POSTGRES_PASSWORD_ENV = "POSTGRES_PASSWORD";

    private static final List<String> ADDRESSES = List.of(KAFKA_ENV, ELASTICSEARCH_ENV, POSTGRES_URL_ENV);
    private static final List<String> EXISTING_NEEDS = List.of(KAFKA_ENV, ELASTICSEARCH_ENV, POSTGRES_URL_ENV,
        POSTGRES_USER_ENV, POSTGRES_PASSWORD_ENV);

    public static InfrastructureSource select(Function<String, String> systemProperties,
                                              Function<String, String> environment) {
        if (ADDRESSES.stream().anyMatch(name -> isSet(environment.apply(name)))) {
            List<String> missing = EXISTING_NEEDS.stream().filter(name -> !isSet(environment.apply(name))).toList();
            if (missing.isEmpty()) {
                return EXISTING;
            }
            throw new IllegalStateException("To use existing servers set all of " + String.join(", ", EXISTING_NEEDS)
                + "; missing: " + String.join(", ", missing));
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
            case EXISTING -> new ExistingInfrastructure(environment.apply(KAFKA_ENV), environment.apply(ELASTICSEARCH_ENV),
                environment.apply(POSTGRES_URL_ENV), environment.apply(POSTGRES_USER_ENV),
                environment.apply(POSTGRES_PASSWORD_ENV));
            case TESTCONTAINERS -> new TestcontainersInfrastructure();
            case EMBEDDED -> EmbeddedInfrastructure.startTemporary(ProjectLayout.locate());
        };
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
