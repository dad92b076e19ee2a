package dev.wenku.infrastructure.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class ImportCommandTest {

    @Test
    void fieldsOfTheProgressAreReadWhetherStringsNumbersOrNull() {
        String progress = "{\"id\":\"9f0c\",\"state\":\"RUNNING\",\"unit\":\"files\",\"read\":1200,\"total\":null,"
            + "\"perSecond\":412.5,\"etaSeconds\":null,\"createdAt\":\"2026-12-01T10:00:00Z\",\"created\":7}";
        assertEquals("9f0c", ImportCommand.field(progress, "id"));
        assertEquals("1200", ImportCommand.field(progress, "read"));
        assertNull(ImportCommand.field(progress, "total"));
        assertEquals("412.5", ImportCommand.field(progress, "perSecond"));
        assertEquals("7", ImportCommand.field(progress, "created"), "not createdAt");
        assertNull(ImportCommand.field(progress, "etaSeconds"));
        assertNull(ImportCommand.field(progress, "missing"));
    }

    @Test
    void aFolderIsSentAsAZipOfItsFilesButHiddenOnesNamedByTheirPathsInUtf8() throws Exception {
        Path folder = Files.createTempDirectory("wenku-zipped-");
        try {
            Files.createDirectories(folder.resolve("唐诗/.git"));
            Files.writeString(folder.resolve("唐诗/静夜思.txt"), "床前明月光");
            Files.write(folder.resolve("文.docx"), new byte[] {'P', 'K', 3, 4});
            Files.writeString(folder.resolve("唐诗/.git/config"), "hidden");
            Files.writeString(folder.resolve(".DS_Store"), "hidden");
            ImportCommand.Body body = ImportCommand.Body.ofFolder(folder);
            assertEquals("application/zip", body.contentType());

            Map<String, byte[]> entries = new LinkedHashMap<>();
            byte[] zip = send(body);
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
            assertEquals(List.of("唐诗/静夜思.txt", "文.docx"), List.copyOf(entries.keySet()));
            assertEquals("床前明月光", new String(entries.get("唐诗/静夜思.txt"), StandardCharsets.UTF_8));
            assertArrayEquals(new byte[] {'P', 'K', 3, 4}, entries.get("文.docx"));
        } finally {
            Directories.deleteRecursively(folder);
        }
    }

    @Test
    void aZipFileIsSentAsItIsAndAnyOtherFileAsNdjson() throws Exception {
        Path folder = Files.createTempDirectory("wenku-files-");
        try {
            assertEquals("application/zip", ImportCommand.Body.ofFile(Files.write(folder.resolve("a.ZIP"),
                new byte[] {1})).contentType());
            assertEquals("application/x-ndjson", ImportCommand.Body.ofFile(Files.write(folder.resolve("a.ndjson"),
                new byte[] {1})).contentType());
        } finally {
            Directories.deleteRecursively(folder);
        }
    }

    /** The bytes an HTTP client sends of {@code body}, as it reads them. */
    private static byte[] send(ImportCommand.Body body) throws Exception {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        body.publisher().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                sent.writeBytes(bytes);
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(30, TimeUnit.SECONDS);
        return sent.toByteArray();
    }

    @Test
    void aTextFileBecomesAJsonStringWithItsQuotesBackslashesAndLineBreaksEscaped() {
        assertEquals("\"静夜思\\n床前\\\"明月\\\"光\\\\\\t\\u0001\"", ImportCommand.json("静夜思\n床前\"明月\"光\\\t\u0001"));
    }
}
