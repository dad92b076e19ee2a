package dev.wenku.ingest.dropfolder;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.ingest.IngestApplication;
import dev.wenku.ingest.registry.DocumentRecord;
import dev.wenku.ingest.registry.DocumentRegistry;
import dev.wenku.ingest.support.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import java.util.stream.Stream;
import dev.wenku.ingest.support.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;

@ExtendWith(RealInfrastructureExtension.class)
class DropFolderIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    @TempDir
    Path folder;

    @Test
    void newAndChangedFilesAreIngestedAndNothingIsIngestedAgainAfterARestart() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        Path file = folder.resolve("essay-" + marker + ".txt");
        write(file, ("拖放目录里的文章 " + marker + "\n发展新质生产力是推动高质量发展的内在要求。").getBytes("GB18030"));
        String source = "drop/" + file.getFileName();

        String firstId;
        try (ConfigurableApplicationContext ingest = start()) {
            DocumentRegistry registry = ingest.getBean(DocumentRegistry.class);
            DocumentRecord record = awaitSource(registry, source, r -> true);
            assertEquals("GB18030", record.encoding());
            firstId = record.id();

            write(file, ("拖放目录里的文章 " + marker + "\n修改后的内容。").getBytes(StandardCharsets.UTF_8));
            DocumentRecord changed = awaitSource(registry, source, r -> !r.id().equals(firstId));
            assertEquals("UTF-8", changed.encoding());
            await().alias("the document of the old content is deleted").atMost(WAIT).pollInterval(POLL)
                .until(() -> registry.find(firstId).orElseThrow().deleted());
        }
        int eventsBefore = TopicReader.ingested(key -> true, 0).size();
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
            assertEquals(List.of(), registry.findBySource("drop/" + hidden), "a hidden file is not ingested");
            assertEquals(List.of(), registry.findBySource("drop/" + partial), "a partial file is not ingested");
        }
        assertEquals(eventsBefore, TopicReader.ingested(key -> true, 0).size(), "nothing was ingested again");
    }

    private String database;

    private ConfigurableApplicationContext start() {
        if (database == null) {
            database = TestDatabase.create(SharedInfrastructure.get(), "wenku_drop_" + System.nanoTime());
        }
        return new SpringApplicationBuilder(IngestApplication.class).run(Stream.concat(Stream.of("--server.port=0",
            "--wenku.ingest.drop-folder.path=" + folder, "--wenku.ingest.drop-folder.poll-interval=200ms"),
            Stream.of(TestDatabase.arguments(database))).toArray(String[]::new));
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
