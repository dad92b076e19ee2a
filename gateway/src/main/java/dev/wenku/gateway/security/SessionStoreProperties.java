package dev.wenku.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the gateway keeps the web UI's sessions ({@code wenku.security.session-store.*}). Without a URL, in its own
 * memory: enough for one gateway, but a session issued by one gateway of several is unknown to the others and a
 * log-out ends it on one only. With a URL, in PostgreSQL (a schema of its own, migrated at start), shared by every
 * gateway.
 *
 * @param url      JDBC URL of the PostgreSQL database, e.g. {@code jdbc:postgresql://postgres:5432/wenku}; empty: in
 *                 memory
 * @param username the database user
 * @param password its password (from the environment: {@code WENKU_SECURITY_SESSIONSTORE_PASSWORD})
 * @param schema   the schema of the sessions table, created if missing
 * @param poolSize most connections the gateway holds: a session check is one short query, and readers' requests need
 *                 none
 */
@ConfigurationProperties("wenku.security.session-store")
public record SessionStoreProperties(
    String url,
    String username,
    String password,
    @DefaultValue("gateway") String schema,
    @DefaultValue("4") int poolSize) {

    boolean shared() {
        return url != null && !url.isBlank();
    }
}
