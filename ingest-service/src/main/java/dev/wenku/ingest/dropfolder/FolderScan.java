package dev.wenku.ingest.dropfolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Which files of a folder are new or changed since they were last handled, judged by size and modification time.
 * Hidden and temporary files, and files modified within the last second (probably still being written), wait.
 */
final class FolderScan {

    private static final long SETTLE_MILLIS = 1000;

    private record Stamp(long size, Instant modified) {
    }

    private final Map<Path, Stamp> handled = new ConcurrentHashMap<>();

    List<Path> changedFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        Instant settled = Instant.now().minusMillis(SETTLE_MILLIS);
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile)
                .filter(p -> !isHiddenOrTemporary(p))
                .filter(p -> {
                    Stamp stamp = stamp(p);
                    return stamp.modified().isBefore(settled) && !stamp.equals(handled.get(p));
                })
                .sorted()
                .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void remember(Path file) {
        handled.put(file, stamp(file));
    }

    private static boolean isHiddenOrTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") || name.endsWith("~") || name.endsWith(".tmp") || name.endsWith(".part");
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.size(), attributes.lastModifiedTime().toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
