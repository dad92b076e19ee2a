package dev.wenku.ingest.dropfolder;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.ingest.IngestApplication;
import dev.wenku.ingest.registry.DocumentRecord;
import dev.wenku.ingest.registry.DocumentRegistry;
import dev.wenku.ingest.support.TestDatabase;
import dev.wenku.ingest.support.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

@ExtendWith(RealInfrastructureExtension.class)
class DropFolderIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    @TempDir
    Path temp;

    /** The drop folder, inside the test's temporary folder so that a file can be put outside it. */
    private Path folder;
    private String database;

    @BeforeEach
    void createFolder() throws Exception {
        folder = Files.createDirectories(temp.resolve("drop"));
    }

    @Test
    void filesAreMovedAsideOnceIngestedAndADroppedAgainFileReplacesItsDocuments() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        Path file = folder.resolve("essay-" + marker + ".txt");
        Path done = folder.resolve(".done").resolve(file.getFileName());
        write(file, ("拖放目录里的文章 " + marker + "\n发展新质生产力是推动高质量发展的内在要求。").getBytes("GB18030"));
        String source = "drop/" + file.getFileName();

        byte[] changedContent = ("拖放目录里的文章 " + marker + "\n修改后的内容。").getBytes(StandardCharsets.UTF_8);
        try (ConfigurableApplicationContext ingest = start()) {
            DocumentRegistry registry = ingest.getBean(DocumentRegistry.class);
            DocumentRecord record = awaitSource(registry, source, r -> true);
            assertEquals("GB18030", record.encoding());
            String firstId = record.id();
            awaitMoved(file, done);

            write(file, changedContent);
            DocumentRecord changed = awaitSource(registry, source, r -> !r.id().equals(firstId));
            assertEquals("UTF-8", changed.encoding());
            await().alias("the document of the old content is deleted").atMost(WAIT).pollInterval(POLL)
                .until(() -> registry.find(firstId).orElseThrow().deleted());
            await().alias("the new content replaces the old in .done").atMost(WAIT).pollInterval(POLL)
                .until(() -> !Files.exists(file) && new String(Files.readAllBytes(done), StandardCharsets.UTF_8)
                    .equals(new String(changedContent, StandardCharsets.UTF_8)));
        }
        int eventsBefore = TopicReader.ingested(key -> true, 0).size();
        // The file once more, as if the service had stopped between ingesting and moving it.
        write(file, changedContent);
        // Files the watcher leaves alone: hidden, and still being written.
        String hidden = "." + marker + ".txt";
        String partial = marker + ".txt.part";
        write(folder.resolve(hidden), ("隐藏文件 " + marker + "，不应收录。").getBytes(StandardCharsets.UTF_8));
        write(folder.resolve(partial), ("未写完的文件 " + marker + "，不应收录。").getBytes(StandardCharsets.UTF_8));
        try (ConfigurableApplicationContext restarted = start()) {
            awaitTwoMoreScans(restarted);
            DocumentRegistry registry = restarted.getBean(DocumentRegistry.class);
            List<DocumentRecord> records = registry.findBySource(source);
            assertEquals(1, records.stream().filter(r -> !r.deleted()).count(), records.toString());
            assertFalse(Files.exists(file), "the unchanged file is moved into .done");
            assertArrayEquals(changedContent, Files.readAllBytes(done));
            assertEquals(List.of(), registry.findBySource("drop/" + hidden), "a hidden file is not ingested");
            assertEquals(List.of(), registry.findBySource("drop/" + partial), "a partial file is not ingested");
            assertTrue(Files.exists(folder.resolve(hidden)) && Files.exists(folder.resolve(partial)),
                "files the watcher ignores stay where they are");
        }
        assertEquals(eventsBefore, TopicReader.ingested(key -> true, 0).size(),
            "nothing was ingested again: neither the files in .done nor the unchanged file");
    }

    @Test
    @Tag("security")
    void manyFilesAreIngestedAtOnceAndRefusedOnesAreSetAsideWithTheirErrorUnread() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        List<Path> essays = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Path essay = folder.resolve("batch-" + marker + "/part-" + i % 8 + "/essay-" + i + ".txt");
            Files.createDirectories(essay.getParent());
            write(essay, ("第" + i + "篇 " + marker + "\n这是拖放目录里的第" + i + "篇文章，内容各不相同。")
                .getBytes(StandardCharsets.UTF_8));
            essays.add(essay);
        }
        Path unsupported = folder.resolve("odd/notes-" + marker + ".xyz");
        Files.createDirectories(unsupported.getParent());
        write(unsupported, ("不支持的文件类型 " + marker).getBytes(StandardCharsets.UTF_8));
        // A link to a file outside the folder: its content must not be read, let alone stored.
        Path secret = Files.writeString(temp.resolve("secret-" + marker + ".txt"), "机密内容 " + marker);
        Path link = Files.createSymbolicLink(folder.resolve("link-" + marker + ".txt"), secret);
        // 3 GiB (sparse: no disk used): reading it whole would fail, so only a refusal before reading passes.
        Path huge = folder.resolve("huge-" + marker + ".txt");
        try (RandomAccessFile out = new RandomAccessFile(huge.toFile(), "rw")) {
            out.setLength(3L << 30);
        }
        Files.setLastModifiedTime(huge, FileTime.from(Instant.now().minusSeconds(5)));

        try (ConfigurableApplicationContext ingest = start("--wenku.ingest.drop-folder.batch-files=50")) {
            DocumentRegistry registry = ingest.getBean(DocumentRegistry.class);
            Duration many = Duration.ofMinutes(3);
            await().alias("a live document from each of the 200 files").atMost(many).pollInterval(Duration.ofSeconds(1))
                .until(() -> essays.stream().filter(e -> live(registry, sourceOf(e))).count(), n -> n == 200);
            await().alias("the 200 files in .done").atMost(WAIT).pollInterval(POLL)
                .until(() -> essays.stream().allMatch(e -> !Files.exists(e) && Files.exists(doneOf(e))));

            assertRejected(unsupported, "unsupported_type", "not a supported file type");
            assertRejected(link, "unsupported_type", "symbolic link");
            assertTrue(Files.isSymbolicLink(rejectedOf(link)), "the link itself is moved, not its target");
            assertRejected(huge, "file_too_large", "3221225472 bytes");
            for (Path refused : List.of(unsupported, link, huge)) {
                assertEquals(List.of(), registry.findBySource(sourceOf(refused)), refused + " stored nothing");
            }
            assertEquals("机密内容 " + marker, Files.readString(secret), "the link's target is left alone");
        }
    }

    private ConfigurableApplicationContext start(String... arguments) {
        if (database == null) {
            database = TestDatabase.create(SharedInfrastructure.get(), "wenku_drop_" + System.nanoTime());
        }
        return new SpringApplicationBuilder(IngestApplication.class).run(Stream.of(
                Stream.of("--server.port=0", "--wenku.ingest.drop-folder.path=" + folder,
                    "--wenku.ingest.drop-folder.poll-interval=200ms"),
                Stream.of(arguments), Stream.of(TestDatabase.arguments(database)))
            .flatMap(s -> s).toArray(String[]::new));
    }


    private String sourceOf(Path file) {
        return "drop/" + folder.relativize(file).toString().replace('\\', '/');
    }

    private Path doneOf(Path file) {
        return folder.resolve(".done").resolve(folder.relativize(file));
    }

    private Path rejectedOf(Path file) {
        return folder.resolve(".rejected").resolve(folder.relativize(file));
    }

    /** Waits until the file is in .rejected, with the error code and (part of) the message beside it. */
    private void assertRejected(Path file, String code, String message) throws Exception {
        Path rejected = rejectedOf(file);
        Path error = rejected.resolveSibling(rejected.getFileName() + ".error.txt");
        await().alias(file + " moved into .rejected").atMost(WAIT).pollInterval(POLL)
            .until(() -> Files.exists(error) && Files.exists(rejected, LinkOption.NOFOLLOW_LINKS)
                && !Files.exists(file, LinkOption.NOFOLLOW_LINKS));
        List<String> lines = Files.readAllLines(error, StandardCharsets.UTF_8);
        assertEquals(code, lines.getFirst(), lines.toString());
        assertTrue(lines.get(1).contains(message), lines.toString());
    }

    private static boolean live(DocumentRegistry registry, String source) {
        return registry.findBySource(source).stream().anyMatch(r -> !r.deleted());
    }

    private static void awaitMoved(Path file, Path done) {
        await().alias(file + " moved into .done").atMost(WAIT).pollInterval(POLL)
            .until(() -> !Files.exists(file) && Files.exists(done));
    }

    /**
     * Waits until the watcher completed two scans after now: the second began after this call, so it saw every file
     * in the folder (the positive signal before a check that something was not ingested).
     */
    private static void awaitTwoMoreScans(ConfigurableApplicationContext ingest) {
        MeterRegistry meters = ingest.getBean(MeterRegistry.class);
        double before = meters.get(DropFolderWatcher.SCANS).counter().count();
        await().alias("two more scans of the drop folder after " + before).atMost(WAIT).pollInterval(POLL)
            .until(() -> meters.get(DropFolderWatcher.SCANS).counter().count(), scans -> scans >= before + 2);
    }

    /** Writes and back-dates the file, so the folder scan does not wait for it to settle. */
    private static void write(Path file, byte[] content) throws Exception {
        Files.write(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(5)));
    }

    private static DocumentRecord awaitSource(DocumentRegistry registry, String source,
                                              Predicate<DocumentRecord> accepted) {
        return await().alias("a live document from " + source).atMost(WAIT).pollInterval(POLL)
            .until(() -> registry.findBySource(source).stream().filter(r -> !r.deleted()).filter(accepted).findFirst(),
                match -> match.isPresent())
            .orElseThrow();
    }
}
