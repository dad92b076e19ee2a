package dev.wenku.ingest.dropfolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the files of the drop folder waiting to be handled, at most a batch of them. Nothing is remembered between
 * scans: a handled file is moved into a hidden folder ({@link HandledFiles}), and hidden folders are not descended
 * into, so what a scan costs depends on the files waiting, not on those ingested before.
 *
 * <p>Hidden and temporary files, and files modified within the last second (probably still being written), wait.
 * Symbolic links are not followed (the walk does not enter linked folders): a link is listed as it is, for
 * {@link DroppedFileReader} to refuse.
 */
final class FolderScan {

    private static final long SETTLE_MILLIS = 1000;

    private FolderScan() {
    }

    /** Up to {@code limit} files waiting in {@code folder}, in no particular order. */
    static List<Path> waitingFiles(Path folder, int limit) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        Instant settled = Instant.now().minusMillis(SETTLE_MILLIS);
        List<Path> waiting = new ArrayList<>();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return dir.equals(folder) || !isHidden(dir) ? FileVisitResult.CONTINUE
                        : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (!isHiddenOrTemporary(file) && attributes.lastModifiedTime().toInstant().isBefore(settled)) {
                        waiting.add(file);
                    }
                    return waiting.size() < limit ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // A file deleted during the walk, or a folder not readable: the others are still listed.
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return waiting;
    }

    private static boolean isHidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    private static boolean isHiddenOrTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") || name.endsWith("~") || name.endsWith(".tmp") || name.endsWith(".part");
    }
}
