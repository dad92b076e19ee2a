package dev.wenku.ingest.dropfolder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wenku.infrastructure.launcher.RealInfrastructureExtension;
import dev.wenku.infrastructure.launcher.SharedInfrastructure;
import dev.wenku.ingest.IngestApplication;
import dev.wenku.ingest.registry.DocumentRecord;
import dev.wenku.ingest.registry.DocumentRegistry;
import dev.wenku.ingest.support.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

@ExtendWith(RealInfrastructureExtension.class)
class DropFolderIT {

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
            awaitCondition(() -> registry.find(firstId).orElseThrow().deleted(), "the old content is deleted");
        }
        int eventsBefore = TopicReader.ingested(key -> true, 0).size();
        try (ConfigurableApplicationContext restarted = start()) {
            Thread.sleep(3000);
            List<DocumentRecord> records = restarted.getBean(DocumentRegistry.class).findBySource(source);
            assertEquals(1, records.stream().filter(r -> !r.deleted()).count());
        }
        assertEquals(eventsBefore, TopicReader.ingested(key -> true, 0).size(), "nothing was ingested again");
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(IngestApplication.class).run("--server.port=0",
            "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.get().kafkaBootstrapServers(),
            "--wenku.ingest.drop-folder.path=" + folder, "--wenku.ingest.drop-folder.poll-interval=200ms");
    }

    /** Writes and back-dates the file, so the folder scan does not wait for it to settle. */
    private static void write(Path file, byte[] content) throws Exception {
        Files.write(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(5)));
    }

    private static DocumentRecord awaitSource(DocumentRegistry registry, String source,
                                              java.util.function.Predicate<DocumentRecord> accepted) throws Exception {
        for (long end = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < end; ) {
            var match = registry.findBySource(source).stream().filter(r -> !r.deleted()).filter(accepted).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No document from " + source);
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what) throws Exception {
        for (long end = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < end; ) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Never happened: " + what);
    }
}
