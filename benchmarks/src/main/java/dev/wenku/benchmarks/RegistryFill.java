package dev.wenku.benchmarks;

import dev.wenku.benchmarks.PoetryCorpus.Poem;
import dev.wenku.infrastructure.launcher.Infrastructure;
import dev.wenku.ingest.registry.TitleColumns;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Writes a large registry straight into ingest-service's PostgreSQL, for the editors' list benchmark: a million
 * documents through the upload path would take hours of analysis and indexing that the list never looks at. Each row
 * is what ingest-service would store for one upload of a poem of the {@link PoetryCorpus} (title, poet, collection as
 * the source, dynasty as a tag, the poem as version 1), its title columns derived by ingest-service's own
 * {@link TitleColumns}; the corpus is cycled as editions (a second upload of a collection is a document of its own,
 * its source marked 第 2 版). Statuses, dates and editors are spread the way a live registry has them: mostly indexed,
 * a few failed, waiting or deleted, updated over two years. Afterwards the tables are vacuumed and analysed, as
 * autovacuum would after such a load, so the planner sees the million rows.
 */
final class RegistryFill {

    private static final int BATCH = 20_000;
    private static final String[] EDITORS = {"editor", "li.hua", "wang.fang", "zhang.wei", "chen.jing"};
    private static final String DOCUMENT_COLUMNS = "id, current_version, title, title_simplified, title_terms,"
        + " title_sort, source, author, tags, status, created_at, created_by, updated_at, updated_by";
    private static final String VERSION_COLUMNS = "document_id, version, title, body, source, author, tags,"
        + " content_hash, status, status_at, created_at, created_by";

    /** How many rows were written and how long it took, loading included. */
    record Filled(long documents, double seconds) {
    }

    private RegistryFill() {
    }

    static Filled fill(Infrastructure infrastructure, List<Poem> poems, int documents) throws SQLException, IOException {
        return fill(infrastructure, poems, 0, documents);
    }

    /** Writes documents {@code first} to {@code end} − 1 (of {@link #documentId}); earlier calls wrote those before. */
    static Filled fill(Infrastructure infrastructure, List<Poem> poems, int first, int end)
            throws SQLException, IOException {
        long start = System.nanoTime();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection connection = DriverManager.getConnection(infrastructure.postgresJdbcUrl(),
                infrastructure.postgresUsername(), infrastructure.postgresPassword())) {
            CopyManager copy = connection.unwrap(BaseConnection.class).getCopyAPI();
            connection.setAutoCommit(false);
            for (int from = first; from < end; from += BATCH) {
                StringBuilder documentRows = new StringBuilder();
                StringBuilder versionRows = new StringBuilder();
                for (int n = from; n < Math.min(end, from + BATCH); n++) {
                    rows(n, poems, now, documentRows, versionRows);
                }
                copy.copyIn("copy document (" + DOCUMENT_COLUMNS + ") from stdin (format csv)",
                    new StringReader(documentRows.toString()));
                copy.copyIn("copy document_version (" + VERSION_COLUMNS + ") from stdin (format csv)",
                    new StringReader(versionRows.toString()));
                connection.commit();
                if ((from - first + BATCH) % 200_000 == 0) {
                    System.out.printf("  %,d documents written (%.0f s)%n", from - first + BATCH,
                        (System.nanoTime() - start) / 1e9);
                }
            }
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("vacuum analyze document");
                statement.execute("vacuum analyze document_version");
            }
        }
        return new Filled(end - first, (System.nanoTime() - start) / 1e9);
    }

    private static void rows(int n, List<Poem> poems, Instant now, StringBuilder documentRows,
                             StringBuilder versionRows) {
        Poem poem = poems.get(n % poems.size());
        int edition = n / poems.size() + 1;
        SplittableRandom random = new SplittableRandom(n);
        String source = edition == 1 ? poem.file() : poem.file() + " 第 " + edition + " 版";
        String tags = pgArray(poem.dynasty() + "詩", random.nextInt(50) == 0 ? "課文" : null);
        String status = status(random.nextInt(100));
        Instant updated = now.minusSeconds(random.nextLong(730L * 24 * 3600));
        Instant created = updated.minusSeconds(random.nextLong(30L * 24 * 3600));
        String creator = EDITORS[random.nextInt(EDITORS.length)];
        String updater = EDITORS[random.nextInt(EDITORS.length)];
        String body = poem.body();
        String id = documentId(n);
        TitleColumns title = TitleColumns.of(poem.title());
        csv(documentRows, id, "1", poem.title(), title.simplified(), pgArray(title.terms().toArray(String[]::new)),
            title.sortKey(), source, poem.author(), tags, status, created.toString(), creator, updated.toString(),
            updater);
        csv(versionRows, id, "1", poem.title(), body, source, poem.author(), tags, id(poem.title() + "\n" + body),
            status, updated.toString(), created.toString(), creator);
    }

    /** 95 % indexed; a few failed, waiting for analysis or indexing, or deleted. */
    private static String status(int percentile) {
        return switch (percentile) {
            case 0, 1 -> "FAILED";
            case 2 -> "RECEIVED";
            case 3 -> "ANALYZED";
            case 4 -> "DELETED";
            default -> "INDEXED";
        };
    }

    /** The id of the registry's {@code n}th document (the editor list's documents, and the million benchmark's). */
    static String documentId(int n) {
        return id("document " + n);
    }

    private static String id(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PostgreSQL array literal of the non-null values, each quoted. */
    private static String pgArray(String... values) {
        StringBuilder array = new StringBuilder("{");
        for (String value : values) {
            if (value != null) {
                array.append(array.length() > 1 ? "," : "").append('"')
                    .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return array.append('}').toString();
    }

    /** One CSV line; every field quoted, so commas, quotes and line breaks of titles and poems stay inside it. */
    private static void csv(StringBuilder rows, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            rows.append(i > 0 ? "," : "").append('"').append(fields[i].replace("\"", "\"\"")).append('"');
        }
        rows.append('\n');
    }
}
