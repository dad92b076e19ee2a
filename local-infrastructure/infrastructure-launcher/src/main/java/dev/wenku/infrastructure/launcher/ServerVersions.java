package dev.wenku.infrastructure.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The versions of the servers, as the root pom.xml states them (kafka.version, elasticsearch.version): the embedded
 * servers are built from those Maven Central artifacts, and the official images of Testcontainers and
 * docker-compose.yml (through .env) carry the same tags.
 */
public record ServerVersions(String kafka, String elasticsearch) {

    public static ServerVersions current() {
        Properties versions = new Properties();
        try (InputStream in = ServerVersions.class.getResourceAsStream("server-versions.properties")) {
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServerVersions(versions.getProperty("kafka"), versions.getProperty("elasticsearch"));
    }

    public String kafkaImage() {
        return "apache/kafka:" + kafka;
    }

    public String elasticsearchImage() {
        return "docker.elastic.co/elasticsearch/elasticsearch:" + elasticsearch;
    }
}
