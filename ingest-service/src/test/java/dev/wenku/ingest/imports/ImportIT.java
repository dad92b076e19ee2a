package dev.wenku.ingest.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wenku.ingest.support.IngestClient;
import dev.wenku.ingest.support.IngestClient.Answer;
import dev.wenku.ingest.support.IngestServiceTest;
import dev.wenku.ingest.support.TopicReader;
import dev.wenku.testsupport.Fixtures;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk imports of NDJSON and of zips on the running service and a real PostgreSQL: every good line or file stored,
 * every bad one a rejection with its line number or file name and error code that does not stop the import, repeated
 * content unchanged, and an import resumed where its last batch committed. Batches of 7 lines or 3 files, so every
 * import spans several; at most 50 entries in a zip.
 */
@IngestServiceTest(properties = {"wenku.ingest.imports.spool-folder=target/imports-it",
    "wenku.ingest.imports.batch-lines=7", "wenku.ingest.imports.batch-files=3",
    "wenku.ingest.imports.max-zip-entries=50"})
class ImportIT {

    private static final Charset GBK = Charset.forName("GBK");
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
        assertThat(done.path("format").asString()).isEqualTo("ndjson");
        assertThat(done.path("unit").asString()).isEqualTo("lines");
        assertThat(done.path("read").asInt()).isEqualTo(20);
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
        assertThat(resumed.path("read").asInt()).isEqualTo(30);
        assertThat(resumed.path("created").asInt()).isZero();
        assertThat(resumed.path("unchanged").asInt() + resumed.path("rejected").asInt())
            .isEqualTo(whole.path("created").asInt() + whole.path("unchanged").asInt() + whole.path("rejected").asInt());
        assertThat(Files.exists(spooled)).as("the spooled body is deleted when done").isFalse();
    }

    @Test
    void anImportRacingSingleUploadsOfItsLinesStoresEachDocumentOnce() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            lines.add(poem("同题 " + marker + " 第" + i + "首", "白日依山盡，黃河入海流。第" + i + "首。"));
            line(body, lines.getLast());
        }
        String importId = client.postImport(body.toByteArray()).text("id");
        ExecutorService editors = Executors.newFixedThreadPool(3);
        List<Answer> singles = new ArrayList<>();
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (String line : lines.reversed()) {
                answers.add(editors.submit(() -> client.postJson(line)));
            }
            for (Future<Answer> answer : answers) {
                singles.add(answer.get());
            }
        } finally {
            editors.shutdownNow();
        }
        JsonNode done = awaitDone(importId);

        assertThat(singles).extracting(Answer::status).allMatch(status -> status == 200 || status == 202);
        long createdBySingles = singles.stream().filter(answer -> answer.status() == 202).count();
        assertThat(done.path("created").asInt() + createdBySingles).isEqualTo(60);
        assertThat(done.path("unchanged").asInt()).isEqualTo(60 - done.path("created").asInt());
        assertThat(done.path("rejected").asInt()).isZero();
        assertThat(listed("q=" + enc(marker) + "&size=100").path("total").asInt()).isEqualTo(60);
        List<String> ids = singles.stream().map(answer -> answer.text("id")).toList();
        assertThat(TopicReader.ingested(ids::contains, 60)).as("one event per document, of version 1")
            .hasSize(60).extracting(r -> r.value().version()).containsOnly(1L);
    }

    @Test
    void aLineOfAnEditedOrDeletedDocumentBecomesItsNextVersion() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String edited = poem("改过 " + marker, "国破山河在，城春草木深。");
        String deleted = poem("删过 " + marker, "感时花溅泪，恨别鸟惊心。");
        String editedId = client.postJson(edited).text("id");
        assertThat(client.put(editedId, poem("改过 " + marker, "烽火连三月，家书抵万金。")).status()).isEqualTo(202);
        String deletedId = client.postJson(deleted).text("id");
        assertThat(client.delete(deletedId).status()).isIn(200, 202, 204);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        line(body, edited);
        line(body, deleted);
        line(body, edited);

        JsonNode done = awaitDone(client.postImport(body.toByteArray()).text("id"));

        assertThat(done.path("updated").asInt()).as(done.toString()).isEqualTo(2);
        assertThat(done.path("unchanged").asInt()).as("line 3 repeats line 1").isEqualTo(1);
        assertThat(client.get(editedId).etag()).isEqualTo("\"v3\"");
        assertThat(client.of(editedId, "versions/3").text("body")).isEqualTo("国破山河在，城春草木深。");
        assertThat(client.get(deletedId).etag()).isEqualTo("\"v2\"");
        assertThat(client.get(deletedId).text("status")).isNotEqualTo("DELETED");
    }

    @Test
    void anEmptyImportIsRefusedAndAnUnknownOneNotFound() throws Exception {
        Answer empty = client.postImport(new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.text("error")).isEqualTo("empty_body");
        assertThat(client.importProgress("nope").status()).isEqualTo(404);
    }

    @Test
    void aZipsFilesAreStoredInAnyFormatAndBadOnesRejectedByNameWithoutStoppingTheImport() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String spring = "春曉 " + marker + "\n春眠不覺曉，處處聞啼鳥。\n夜來風雨聲，花落知多少。";
        byte[] zip = new Zips()
            .directory("诗/")
            .add("诗/春晓.txt", spring)
            .add("诗/静夜思.txt", ("静夜思 " + marker + "\n" + "床前明月光，疑是地上霜。举头望明月，低头思故乡。\n".repeat(3))
                .getBytes(GBK))
            .add("文/笔记.md", "# 读书笔记 " + marker + "\n\n读书之法，在循序而渐进，熟读而精思。")
            .add("文/essay.html", Fixtures.bytes(Fixtures.ESSAY_HTML))
            .add("文/essay.docx", Fixtures.bytes(Fixtures.ESSAY_DOCX))
            .add("文/.DS_Store", new byte[] {0, 0, 0, 1, 'B', 'u', 'd', '1'})
            .add("__MACOSX/诗/._春晓.txt", new byte[] {0, 5, 22, 7, 0, 2, 0, 0})
            .add("坏/乱码.txt", Fixtures.bytes(Fixtures.BROKEN_UTF8))
            .add("坏/空.txt", new byte[0])
            .add("坏/程序.exe", new byte[] {'M', 'Z', 0, 1})
            // 22.5 MB of text, over wenku.ingest.max-file-size (20 MB), deflated to a few kilobytes.
            .add("大.txt", "长".repeat(7_500_000))
            .add("../evil.txt", "逃逸 " + marker)
            .add("诗/春晓副本.txt", spring)
            .bytes();
        String name = "诗文-" + marker + ".zip";
        Answer started = client.postImport(zip, "application/zip", name);
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        assertThat(started.text("format")).isEqualTo("zip");
        assertThat(started.body().path("total").asInt()).as("files, without directories and hidden files").isEqualTo(11);

        JsonNode done = awaitDone(started.text("id"));
        assertThat(done.path("unit").asString()).isEqualTo("files");
        assertThat(done.path("read").asInt()).isEqualTo(11);
        assertThat(done.path("bytesRead").isNull()).isTrue();
        assertThat(done.path("rejected").asInt()).isEqualTo(5);
        assertThat(done.path("rejections").findValuesAsString("file"))
            .containsExactly("坏/乱码.txt", "坏/空.txt", "坏/程序.exe", "大.txt", "../evil.txt");
        assertThat(done.path("rejections").findValuesAsString("error")).containsExactly("undecodable_text",
            "empty_file", "unsupported_type", "file_too_large", "invalid_request");
        assertThat(done.path("rejections").findValues("line")).allMatch(JsonNode::isNull);
        assertThat(done.path("created").asInt()).as("春晓, 静夜思, 笔记, the essay's page and document").isEqualTo(5);
        assertThat(done.path("unchanged").asInt()).as("the copy of 春晓.txt").isEqualTo(1);

        JsonNode gbk = listed("source=" + enc("import/" + name + "/诗/静夜思.txt"));
        assertThat(gbk.path("total").asInt()).isEqualTo(1);
        assertThat(gbk.path("documents").get(0).path("title").asString()).isEqualTo("静夜思 " + marker);
        assertThat(listed("source=" + enc("import/" + name + "/文/笔记.md")).path("total").asInt()).isEqualTo(1);
        JsonNode docx = listed("source=" + enc("import/" + name + "/文/essay.docx")).path("documents").get(0);
        assertThat(docx.path("author").asString()).as("the author in the docx's metadata").isEqualTo("王编辑");
        assertThat(listed("q=" + marker + "&size=50").path("total").asInt()).as("春晓, 静夜思, 笔记").isEqualTo(3);
    }

    @Test
    void entryNamesAreReadAsUtf8OrElseAsGbk() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        byte[] windows = new Zips().add("唐诗/登鹳雀楼.txt", "登鹳雀楼 " + marker + "\n白日依山尽，黄河入海流。")
            .add("唐诗/空白.txt", new byte[0]).bytes(GBK);
        byte[] unmarked = new Zips().add("宋词/水调歌头.txt", "水调歌头 " + marker + "\n明月几时有，把酒问青天。")
            .bytes(ZipNameCharset.INSTANCE);
        JsonNode gbk = awaitDone(client.postImport(windows, "application/x-zip-compressed", "gbk-" + marker)
            .text("id"));
        JsonNode utf8 = awaitDone(client.postImport(unmarked, "application/zip", "utf8-" + marker).text("id"));
        assertThat(gbk.path("rejections").findValuesAsString("file")).containsExactly("唐诗/空白.txt");
        assertThat(listed("source=" + enc("import/gbk-" + marker + "/唐诗/登鹳雀楼.txt")).path("total").asInt())
            .isEqualTo(1);
        assertThat(utf8.path("created").asInt()).isEqualTo(1);
        assertThat(listed("source=" + enc("import/utf8-" + marker + "/宋词/水调歌头.txt")).path("total").asInt())
            .isEqualTo(1);
    }

    @Test
    void theSameZipAgainStoresNothingTwice() throws Exception {
        Zips poems = poemFiles(200, 12).add("坏/空.txt", new byte[0]);
        byte[] zip = poems.bytes();
        JsonNode first = awaitDone(client.postImport(zip, "application/zip", "poems.zip").text("id"));
        JsonNode again = awaitDone(client.postImport(zip, "application/zip", "poems.zip").text("id"));
        assertThat(first.path("created").asInt()).isEqualTo(12);
        assertThat(again.path("read").asInt()).isEqualTo(13);
        assertThat(again.path("created").asInt() + again.path("updated").asInt()).isZero();
        assertThat(again.path("unchanged").asInt()).isEqualTo(12);
        assertThat(again.path("rejections").findValuesAsString("file")).containsExactly("坏/空.txt");
    }

    @Test
    void aZipImportInterruptedAfterABatchResumesAtItsNextEntryAndCountsNothingTwice() throws Exception {
        byte[] zip = poemFiles(300, 10).bytes();
        JsonNode whole = awaitDone(client.postImport(zip, "application/zip", "resume.zip").text("id"));
        assertThat(whole.path("created").asInt()).isEqualTo(10);
        // As the database holds the import when the service stopped after its first batch: the directory and three
        // files read (entry 4 is next), the files found unchanged.
        String id = "resumed-zip-" + UUID.randomUUID().toString().substring(0, 8);
        Path spooled = Files.createDirectories(Path.of("target/imports-it")).resolve(id + ".zip").toAbsolutePath();
        Files.write(spooled, zip);
        jdbc.update("""
            insert into import_job (id, format, file_name, spool_path, size_bytes, total_items, state, position,
                                    lines_read, unchanged, created_at, created_by)
            values (?, 'zip', 'resume.zip', ?, ?, 10, 'RUNNING', 4, 3, 3, now(), 'it')""", id, spooled.toString(),
            zip.length);
        JsonNode resumed = awaitDone(id);
        assertThat(resumed.path("read").asInt()).isEqualTo(10);
        assertThat(resumed.path("created").asInt()).isZero();
        assertThat(resumed.path("unchanged").asInt()).isEqualTo(10);
        assertThat(Files.exists(spooled)).as("the spooled zip is deleted when done").isFalse();
    }

    @Test
    void aBodyThatIsNoZipOrHoldsNoFileOrTooManyEntriesIsRefusedAtOnce() throws Exception {
        Answer text = client.postImport("这不是压缩文件。".getBytes(StandardCharsets.UTF_8), "application/zip", "x.zip");
        assertThat(text.status()).as(text.raw()).isEqualTo(400);
        assertThat(text.text("error")).isEqualTo("malformed_file");
        byte[] whole = poemFiles(400, 3).bytes();
        Answer cut = client.postImport(Arrays.copyOf(whole, whole.length / 2), "application/zip", "cut.zip");
        assertThat(cut.status()).as("a zip cut short lacks its directory: " + cut.raw()).isEqualTo(400);
        assertThat(cut.text("error")).isEqualTo("malformed_file");
        Answer hidden = client.postImport(new Zips().directory("诗/").add(".DS_Store", new byte[] {1})
            .add("__MACOSX/._a.txt", new byte[] {1}).bytes(), "application/zip", "hidden.zip");
        assertThat(hidden.status()).as(hidden.raw()).isEqualTo(400);
        assertThat(hidden.text("error")).isEqualTo("empty_body");
        Zips many = new Zips();
        for (int i = 0; i <= 50; i++) {
            many.directory("目录" + i + "/");
        }
        Answer tooMany = client.postImport(many.bytes(), "application/zip", "many.zip");
        assertThat(tooMany.status()).as(tooMany.raw()).isEqualTo(413);
        assertThat(tooMany.text("error")).isEqualTo("request_too_large");
        try (var spooled = Files.list(Path.of("target/imports-it"))) {
            assertThat(spooled.map(Path::getFileName).map(Path::toString))
                .as("a refused body is not kept").noneMatch(file -> file.endsWith(".zip"));
        }
    }

    @Test
    void theApiDescriptionOffersNdjsonAndZipBodies() throws Exception {
        HttpResponse<String> docs = client.raw("/v3/api-docs");
        assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
        JsonNode post = JSON.readTree(docs.body()).path("paths").path("/api/imports").path("post");
        assertThat(post.path("requestBody").path("content").propertyNames())
            .contains("application/x-ndjson", "application/zip");
        assertThat(post.path("responses").has("202")).as(post.toString()).isTrue();
    }

    /** {@code count} poems of the corpus slice from line {@code from} on, each a text file: title line, then body. */
    private static Zips poemFiles(int from, int count) {
        Zips zips = new Zips().directory("诗/");
        List<String> lines = Fixtures.utf8(Fixtures.POETRY_SLICE).lines().skip(from).limit(count).toList();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode poem = JSON.readTree(lines.get(i));
            zips.add("诗/" + (from + i) + ".txt", poem.path("title").asString() + "\n" + poem.path("body").asString());
        }
        return zips;
    }

    private JsonNode listed(String query) throws Exception {
        Answer list = client.list(query);
        assertThat(list.status()).as(list.raw()).isEqualTo(200);
        return list.body();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
