package dev.wenku.ingest.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wenku.ingest.support.IngestClient;
import dev.wenku.ingest.support.IngestClient.Answer;
import dev.wenku.ingest.support.IngestServiceTest;
import dev.wenku.testsupport.Fixtures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Bulk imports of NDJSON on the running service and a real PostgreSQL: every good line stored, every bad one a
 * rejection with its line number and error code that does not stop the import, repeated lines unchanged, and an
 * import resumed where its last batch committed. Batches of 7 lines, so every import spans several.
 */
@IngestServiceTest(properties = {"wenku.ingest.imports.spool-folder=target/imports-it",
    "wenku.ingest.imports.batch-lines=7"})
class ImportIT {

    @Autowired
    IngestClient client;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void goodLinesAreStoredAndBadOnesRejectedByLineWithoutStoppingTheImport() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        line(body, poem("春曉 " + marker, "春眠不覺曉，處處聞啼鳥。"));
        line(body, "{\"title\": \"半行");
        line(body, poem("靜夜思 " + marker, "床前明月光，疑是地上霜。"));
        line(body, "");
        line(body, "{\"title\": \"无正文 " + marker + "\", \"body\": \"  \"}");
        body.writeBytes("{\"title\": \"編碼\", \"body\": \"".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xC4, (byte) 0xE3, (byte) 0xBA, (byte) 0xC3});
        line(body, "\"}");
        line(body, "{\"body\": \"没有标题的一行。\"}");
        line(body, poem("春曉 " + marker, "春眠不覺曉，處處聞啼鳥。"));
        line(body, "{\"title\": \"长\", \"body\": \"" + "长".repeat(3_000_000) + "\"}");
        for (int i = 10; i <= 20; i++) {
            line(body, poem("登高 " + marker + " 第" + i + "首", "風急天高猿嘯哀，渚清沙白鳥飛回。第" + i + "首。"));
        }
        Answer started = client.postImport(body.toByteArray());
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        assertThat(started.headers().firstValue("Location")).hasValue("/api/imports/" + started.text("id"));

        JsonNode done = awaitDone(started.text("id"));
        assertThat(done.path("lines").asInt()).isEqualTo(20);
        assertThat(done.path("created").asInt()).isEqualTo(13);
        assertThat(done.path("unchanged").asInt()).as("line 8 repeats line 1").isEqualTo(1);
        assertThat(done.path("rejected").asInt()).isEqualTo(5);
        assertThat(done.path("bytesRead").asLong()).isEqualTo(body.size());
        // Line 2 is cut short, 5 has a blank body, 6 is GBK, 7 has no title, 9 is longer than a request may be.
        assertThat(done.path("rejections").findValuesAsString("error"))
            .containsExactly("malformed_json", "empty_body", "undecodable_text", "missing_title", "body_too_large");
        assertThat(done.path("rejections").findValues("line").stream().map(JsonNode::asInt).toList())
            .containsExactly(2, 5, 6, 7, 9);
        assertThat(client.list("q=" + marker + "&size=50").body().path("total").asInt()).isEqualTo(13);
        assertThat(client.importProgress(null).body().findValuesAsString("id")).contains(started.text("id"));
    }

    @Test
    void theSameImportAgainStoresNothingTwice() throws Exception {
        byte[] slice = slice(40);
        JsonNode first = awaitDone(client.postImport(slice).text("id"));
        JsonNode again = awaitDone(client.postImport(slice).text("id"));
        assertThat(first.path("created").asInt() + first.path("unchanged").asInt() + first.path("rejected").asInt())
            .isEqualTo(40);
        assertThat(again.path("created").asInt()).isZero();
        assertThat(again.path("unchanged").asInt()).isEqualTo(first.path("created").asInt()
            + first.path("unchanged").asInt());
    }

    @Test
    void anImportInterruptedAfterABatchResumesThereAndCountsNothingTwice() throws Exception {
        byte[] slice = slice(30);
        JsonNode whole = awaitDone(client.postImport(slice).text("id"));
        // The same body again, as the database holds it when the service stopped after its first batch (7 lines)
        // was committed: the runner picks it up from that position, as it does after a restart.
        String id = "resumed-" + UUID.randomUUID().toString().substring(0, 8);
        Path spooled = Files.createDirectories(Path.of("target/imports-it")).resolve(id + ".ndjson").toAbsolutePath();
        Files.write(spooled, slice);
        jdbc.update("""
            insert into import_job (id, format, spool_path, size_bytes, state, position, lines_read, unchanged,
                                    created_at, created_by)
            values (?, 'ndjson', ?, ?, 'RUNNING', ?, 7, 7, now(), 'it')""", id, spooled.toString(), slice.length,
            offsetAfterLines(slice, 7));
        JsonNode resumed = awaitDone(id);
        assertThat(resumed.path("lines").asInt()).isEqualTo(30);
        assertThat(resumed.path("created").asInt()).isZero();
        assertThat(resumed.path("unchanged").asInt() + resumed.path("rejected").asInt())
            .isEqualTo(whole.path("created").asInt() + whole.path("unchanged").asInt() + whole.path("rejected").asInt());
        assertThat(Files.exists(spooled)).as("the spooled body is deleted when done").isFalse();
    }

    @Test
    void anEmptyImportIsRefusedAndAnUnknownOneNotFound() throws Exception {
        Answer empty = client.postImport(new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.text("error")).isEqualTo("empty_body");
        assertThat(client.importProgress("nope").status()).isEqualTo(404);
    }

    private JsonNode awaitDone(String id) {
        return await().alias("import " + id + " DONE").atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> client.importProgress(id).body(), p -> "DONE".equals(p.path("state").asString()));
    }

    /** The first {@code lines} poems of the corpus slice, as NDJSON. */
    private static byte[] slice(int lines) {
        List<String> all = Fixtures.utf8(Fixtures.POETRY_SLICE).lines().limit(lines).toList();
        return (String.join("\n", all) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static long offsetAfterLines(byte[] body, int lines) {
        int seen = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '\n' && ++seen == lines) {
                return i + 1;
            }
        }
        return body.length;
    }

    private static String poem(String title, String body) {
        return "{\"title\": \"" + title + "\", \"body\": \"" + body + "\", \"author\": \"佚名\", \"tags\": [\"唐詩\"]}";
    }

    private static void line(ByteArrayOutputStream body, String text) {
        body.writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
