package dev.wenku.gateway.security;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sessions in PostgreSQL, shared by every gateway: a session issued by one is found by all, and a log-out on one ends
 * it everywhere at once (every check reads the row; nothing is cached). Its own small pool and schema, migrated by
 * Flyway at start ({@code db/gateway}); hand-written because Spring Session has no reactive store for a relational
 * database (docs/adr/0014-shared-gateway-sessions.md).
 */
final class DatabaseSessions implements SessionStore, AutoCloseable {

    /**
     * How stale a session's last use may be written: a check writes it only when older, so a busy editor's requests
     * are reads, and the idle timeout (30 minutes by default) is exact to within this.
     */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final HikariDataSource dataSource;
    private final JdbcClient jdbc;

    private DatabaseSessions(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** Connects, and creates or migrates the sessions table. */
    static DatabaseSessions connect(SessionStoreProperties properties) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("gateway-sessions");
        dataSource.setJdbcUrl(properties.url());
        dataSource.setUsername(properties.username());
        dataSource.setPassword(properties.password());
        dataSource.setSchema(properties.schema());
        dataSource.setMaximumPoolSize(properties.poolSize());
        dataSource.setMinimumIdle(1);
        // A check waits this long for a connection, then answers 503 rather than holding the request.
        dataSource.setConnectionTimeout(2000);
        try {
            Flyway.configure().dataSource(dataSource).schemas(properties.schema()).createSchemas(true)
                .locations("classpath:db/gateway").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new DatabaseSessions(dataSource);
    }

    @Override
    public boolean add(String digest, AccessTokens.Grant grant, Instant now, Limits limits) {
        return guarded(() -> {
            jdbc.sql("delete from gateway_session where digest in (select digest from gateway_session"
                    + " where username = :username order by last_used desc offset :keep)")
                .param("username", grant.username()).param("keep", Math.max(0, limits.maxSessionsPerUser() - 1))
                .update();
            if (count() >= limits.maxSessions()) {
                jdbc.sql("delete from gateway_session where expires_at <= :now or last_used <= :idleSince")
                    .param("now", at(now)).param("idleSince", at(now.minus(limits.idleTimeout()))).update();
                if (count() >= limits.maxSessions()) {
                    return false;
                }
            }
            jdbc.sql("insert into gateway_session (digest, username, roles, expires_at, last_used)"
                    + " values (:digest, :username, :roles, :expiresAt, :now)")
                .param("digest", digest).param("username", grant.username())
                .param("roles", String.join(",", grant.roles())).param("expiresAt", at(grant.expiresAt()))
                .param("now", at(now)).update();
            return true;
        });
    }

    private long count() {
        return jdbc.sql("select count(*) from gateway_session").query(Long.class).single();
    }

    @Override
    public Optional<AccessTokens.Grant> use(String digest, Instant now, Duration idleTimeout) {
        return guarded(() -> {
            Optional<Row> row = jdbc.sql("select username, roles, expires_at, last_used from gateway_session"
                    + " where digest = :digest").param("digest", digest).query(DatabaseSessions::row).optional();
            if (row.isEmpty()) {
                return Optional.empty();
            }
            AccessTokens.Grant grant = row.get().grant();
            if (!SessionStore.live(grant.expiresAt(), row.get().lastUsed(), now, idleTimeout)) {
                remove(digest);
                return Optional.empty();
            }
            if (row.get().lastUsed().plus(TOUCH_EVERY).isBefore(now)) {
                jdbc.sql("update gateway_session set last_used = :now where digest = :digest and last_used < :now")
                    .param("now", at(now)).param("digest", digest).update();
            }
            return Optional.of(grant);
        });
    }

    @Override
    public void remove(String digest) {
        guarded(() -> jdbc.sql("delete from gateway_session where digest = :digest").param("digest", digest).update());
    }

    private record Row(AccessTokens.Grant grant, Instant lastUsed) {
    }

    private static Row row(ResultSet rs, int rowNumber) throws SQLException {
        String roles = rs.getString("roles");
        return new Row(new AccessTokens.Grant(rs.getString("username"),
            roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")),
            rs.getObject("expires_at", OffsetDateTime.class).toInstant()),
            rs.getObject("last_used", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static <T> T guarded(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            throw new SessionStoreUnavailableException(e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
