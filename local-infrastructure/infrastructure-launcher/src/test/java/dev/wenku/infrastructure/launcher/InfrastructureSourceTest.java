package dev.wenku.infrastructure.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void bothEnvironmentVariablesSelectExistingServersWhateverInfraSays() {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
            "ELASTICSEARCH_URL", "http://127.0.0.1:9200");
        assertEquals(InfrastructureSource.EXISTING,
            InfrastructureSource.select(Map.of("infra", "testcontainers")::get, env::get));
        Infrastructure existing = InfrastructureSource.EXISTING.start(env::get);
        assertEquals("127.0.0.1:9092", existing.kafkaBootstrapServers());
        assertEquals("http://127.0.0.1:9200", existing.elasticsearchUrl());
    }

    @Test
    void onlyOneEnvironmentVariableIsAnErrorNamingTheMissingSide() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> InfrastructureSource.select(
            Map.<String, String>of()::get, Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")::get));
        assertTrue(e.getMessage().contains("ELASTICSEARCH_URL"));
    }

    @Test
    void anUnknownInfraValueIsRejected() {
        assertThrows(IllegalStateException.class,
            () -> InfrastructureSource.select(Map.of("infra", "docker")::get, Map.<String, String>of()::get));
    }
}
