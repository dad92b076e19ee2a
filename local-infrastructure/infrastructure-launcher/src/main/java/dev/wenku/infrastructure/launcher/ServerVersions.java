package dev.wenku.infrastructure.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The versions of the servers, as the root pom.xml states them (kafka.version, elasticsearch.version,
 * postgresql-server.version): the embedded servers are built from those Maven Central artifacts, and the official
 * images of Testcontainers and docker-compose.yml (through .env) carry the same tags.
 *
 * @param postgres the version of the PostgreSQL binaries artifact, e.g. {@code 17.6.0}: PostgreSQL 17.6 in the
 *                 artifact's first packaging of it; the official image's tag is {@link #postgresImageTag()}
 */
public record ServerVersions(String kafka, String elasticsearch, String postgres) {

    public static ServerVersions current() {
        Properties versions = new Properties();
        try (InputStream in = ServerVersions.class.getResourceAsStream("server-versions.properties")) {
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServerVersions(versions.getProperty("kafka"), versions.getProperty("elasticsearch"),
            versions.getProperty("postgres"));
    }

    public String kafkaImage() {
        return "apache/kafka:" + kafka;
    }

    public String elasticsearchImage() {
        return "docker.elastic.co/elasticsearch/elasticsearch:" + elasticsearch;
    }

    /** PostgreSQL's own version, the first two parts of the binaries' version ({@code 17.6.0} → {@code 17.6}). */
    public String postgresImageTag() {
        String[] parts = postgres.split("\\.");
        if (parts.length < 2) {
            throw new IllegalStateException("postgresql-server.version should look like 17.6.0, not " + postgres);
        }
        return parts[0] + "." + parts[1];
    }

    public String postgresImage() {
        return "postgres:" + postgresImageTag();
    }
}
