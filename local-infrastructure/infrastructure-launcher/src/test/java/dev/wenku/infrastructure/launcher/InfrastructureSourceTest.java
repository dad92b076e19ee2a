package dev.wenku.infrastructure.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfrastructureSourceTest {

    @Test
    void embeddedServersAreTheDefault() {
        assertEquals(InfrastructureSource.EMBEDDED,
            InfrastructureSource.select(Map.<String, String>of()::get, Map.<String, String>of()::get));
    }

    @Test
    void infraTestcontainersSelectsTheOfficialImages() {
        assertEquals(InfrastructureSource.TESTCONTAINERS,
            InfrastructureSource.select(Map.of("infra", "testcontainers")::get, Map.<String, String>of()::get));
    }

    private static final Map<String, String> EXISTING = Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
        "ELASTICSEARCH_URL", "http://127.0.0.1:9200", "POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/wenku",
        "POSTGRES_USER", "postgres", "POSTGRES_PASSWORD", "secret");

    @Test
    void allFiveEnvironmentVariablesSelectExistingServersWhateverInfraSays() {
        assertEquals(InfrastructureSource.EXISTING,
            InfrastructureSource.select(Map.of("infra", "testcontainers")::get, EXISTING::get));
        Infrastructure existing = InfrastructureSource.EXISTING.start(EXISTING::get);
        assertEquals("127.0.0.1:9092", existing.kafkaBootstrapServers());
        assertEquals("http://127.0.0.1:9200", existing.elasticsearchUrl());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/wenku", existing.postgresJdbcUrl());
        assertEquals("postgres", existing.postgresUsername());
        assertEquals("secret", existing.postgresPassword());
        assertFalse(existing.toString().contains("secret"), existing.toString());
    }

    @Test
    void onlySomeEnvironmentVariablesAreAnErrorNamingTheMissingOnes() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> InfrastructureSource.select(
            Map.<String, String>of()::get, Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")::get));
        assertTrue(e.getMessage().contains("missing: ELASTICSEARCH_URL, POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD"),
            e.getMessage());
        Map<String, String> withoutPassword = new HashMap<>(EXISTING);
        withoutPassword.remove("POSTGRES_PASSWORD");
        e = assertThrows(IllegalStateException.class,
            () -> InfrastructureSource.select(Map.<String, String>of()::get, withoutPassword::get));
        assertTrue(e.getMessage().endsWith("missing: POSTGRES_PASSWORD"), e.getMessage());
    }

    @Test
    void aPostgresUserAndPasswordAloneSelectNothing() {
        assertEquals(InfrastructureSource.EMBEDDED, InfrastructureSource.select(Map.<String, String>of()::get,
            Map.of("POSTGRES_USER", "me", "POSTGRES_PASSWORD", "mine")::get));
    }

    @Test
    void anUnknownInfraValueIsRejected() {
        assertThrows(IllegalStateException.class,
            () -> InfrastructureSource.select(Map.of("infra", "docker")::get, Map.<String, String>of()::get));
    }
}
