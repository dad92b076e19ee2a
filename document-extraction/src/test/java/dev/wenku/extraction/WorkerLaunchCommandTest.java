package dev.wenku.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerLaunchCommandTest {

    @Test
    void outsideABootJarTheWorkerRunsOnThisClassPathWithABoundedHeap() {
        List<String> command = WorkerLaunchCommand.of(ExtractionSettings.defaults(), "dev.wenku.extraction.ExtractionWorker");

        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), command.getFirst());
        assertTrue(command.contains("-Xmx256m"));
        assertTrue(command.contains("-XX:+ExitOnOutOfMemoryError"));
        int cp = command.indexOf("-cp");
        assertEquals(System.getProperty("java.class.path"), command.get(cp + 1));
        assertEquals(List.of("dev.wenku.extraction.ExtractionWorker", "5000000", "52428800"), command.subList(cp + 2, command.size()));
    }

    @Test
    void aBootJarOnTheClassPathIsFound(@TempDir Path directory) throws IOException {
        Path jar = jar(directory.resolve("service-exec.jar"), "BOOT-INF/lib/tika-core.jar");

        assertEquals(Optional.of(jar), WorkerLaunchCommand.springBootArchive(jar.toString(), null));
    }

    @Test
    void anOrdinaryJarIsNotABootJar(@TempDir Path directory) throws IOException {
        Path jar = jar(directory.resolve("plain.jar"), "dev/wenku/extraction/Foo.class");

        assertEquals(Optional.empty(), WorkerLaunchCommand.springBootArchive(jar.toString(), null));
    }

    @Test
    void theBootJarIsFoundFromANestedCodeSource(@TempDir Path directory) throws IOException {
        Path jar = jar(directory.resolve("my service.jar"), "BOOT-INF/lib/document-extraction.jar");
        String location = "jar:nested:" + jar.toUri().getRawPath() + "/!BOOT-INF/lib/document-extraction-0.1.0.jar!/";

        assertEquals(Optional.of(jar), WorkerLaunchCommand.springBootArchive("", location));
    }

    @Test
    void anExplodedBootArchiveIsFoundFromItsCodeSource(@TempDir Path directory) throws IOException {
        Files.createDirectories(directory.resolve("BOOT-INF/lib"));
        String location = directory.resolve("BOOT-INF/lib/document-extraction.jar").toUri().toString();

        assertEquals(Optional.of(directory), WorkerLaunchCommand.springBootArchive("", location));
    }

    private static Path jar(Path path, String entry) throws IOException {
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(path))) {
            jar.putNextEntry(new JarEntry(entry));
            jar.write(new byte[] {1, 2, 3});
        }
        return path;
    }
}
