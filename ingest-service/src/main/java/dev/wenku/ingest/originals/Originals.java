package dev.wenku.ingest.originals;

import dev.wenku.ingest.IngestProperties;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The uploaded files, in the database with the versions they made: stored in the upload's transaction, downloadable
 * while kept, and emptied (name, type, size and SHA-256 stay) once older than {@code wenku.ingest.originals.retention}
 * by an hourly purge.
 */
@Component
public class Originals {

    private static final Logger log = LoggerFactory.getLogger(Originals.class);

    /** A stored upload: its metadata, and its bytes while they are kept (null once purged). */
    public record Stored(long id, String fileName, String mediaType, long size, String sha256, byte[] bytes,
                         Instant uploadedAt, String uploadedBy) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final IngestProperties properties;
    private final Clock clock;

    public Originals(NamedParameterJdbcTemplate jdbc, IngestProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Stores an upload within the caller's transaction; null when none is kept (no upload, or a retention of 0). */
    public Long store(OriginalUpload upload, String user, Instant at) {
        if (upload == null || properties.originals().retention().isZero()) {
            return null;
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update("""
            insert into upload (file_name, media_type, size_bytes, sha256, content, uploaded_at, uploaded_by)
            values (:name, :type, :size, :sha256, :content, :at, :user)""", new MapSqlParameterSource()
                .addValue("name", upload.fileName()).addValue("type", upload.mediaType())
                .addValue("size", upload.bytes().length).addValue("sha256", sha256(upload.bytes()))
                .addValue("content", upload.bytes()).addValue("at", Timestamp.from(at)).addValue("user", user),
            key, new String[] {"id"});
        return key.getKey().longValue();
    }

    public Optional<Stored> find(long id) {
        return jdbc.query("select * from upload where id = :id", Map.of("id", id), (row, i) -> new Stored(
            row.getLong("id"), row.getString("file_name"), row.getString("media_type"), row.getLong("size_bytes"),
            row.getString("sha256"), row.getBytes("content"), row.getTimestamp("uploaded_at").toInstant(),
            row.getString("uploaded_by"))).stream().findFirst();
    }

    /** Empties the uploads older than the retention period. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    public int purge() {
        Instant before = clock.instant().minus(properties.originals().retention());
        int purged = jdbc.update("update upload set content = null, purged_at = :now"
            + " where content is not null and uploaded_at < :before",
            Map.of("now", Timestamp.from(clock.instant()), "before", Timestamp.from(before)));
        if (purged > 0) {
            log.info("Purged the bytes of {} uploads older than {}", purged, properties.originals().retention());
        }
        return purged;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
