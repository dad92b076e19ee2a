package dev.wenku.infrastructure.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removal of the temporary data directories that tests give the servers. */
public final class Directories {

    private Directories() {
    }

    /** Deletes {@code directory} and everything below it; files that cannot be deleted are left behind. */
    public static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Leftover temporary files are harmless once the servers are stopped.
        }
    }
}
