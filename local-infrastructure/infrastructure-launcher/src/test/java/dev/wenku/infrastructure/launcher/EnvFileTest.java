package dev.wenku.infrastructure.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docker-compose.yml takes its image versions from .env, which must say what the root pom.xml says. */
class EnvFileTest {

    @Test
    void theComposeImageVersionsAreThePomsVersions() throws Exception {
        Map<String, String> env = Files.readAllLines(ProjectLayout.locate().root().resolve(".env")).stream()
            .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#") && line.contains("="))
            .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                line -> line.substring(line.indexOf('=') + 1)));
        ServerVersions pom = ServerVersions.current();
        assertEquals(pom.kafka(), env.get("KAFKA_VERSION"), ".env KAFKA_VERSION differs from kafka.version in pom.xml");
        assertEquals(pom.elasticsearch(), env.get("ELASTICSEARCH_VERSION"),
            ".env ELASTICSEARCH_VERSION differs from elasticsearch.version in pom.xml");
        assertEquals(pom.postgresImageTag(), env.get("POSTGRES_VERSION"),
            ".env POSTGRES_VERSION differs from the first two parts of postgresql-server.version in pom.xml");
    }

    @Test
    void thePostgresImageTagIsPostgresqlsOwnVersionWithoutTheBinariesPackagingNumber() {
        ServerVersions versions = new ServerVersions("4.1.2", "9.5.3", "17.6.0");
        assertEquals("17.6", versions.postgresImageTag());
        assertEquals("postgres:17.6", versions.postgresImage());
    }
}
