package dev.wenku.ingest.dropfolder;

import dev.wenku.support.problem.ApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Moves each handled file out of the scanned tree, keeping its path relative to the drop folder: into {@value #DONE}
 * once stored or found unchanged, into {@value #REJECTED} with a {@code <name>.error.txt} beside it (the error code on
 * the first line, the message on the second) when refused. The folder itself is then the only record of what was
 * handled, which is why the watcher keeps nothing per file in memory, and what remains in the folder is what is
 * still to do or failed for a reason worth another try.
 *
 * <p>A file that replaces one handled before replaces it here too; a file stored after an earlier copy was refused
 * removes that refusal, so {@value #REJECTED} lists only problems still standing.
 */
final class HandledFiles {

    static final String DONE = ".done";
    static final String REJECTED = ".rejected";
    static final String ERROR_SUFFIX = ".error.txt";

    private final Path folder;

    HandledFiles(Path folder) {
        this.folder = folder;
    }

    void done(Path file) throws IOException {
        Path relative = folder.relativize(file);
        move(file, folder.resolve(DONE).resolve(relative));
        Path rejected = folder.resolve(REJECTED).resolve(relative);
        Files.deleteIfExists(rejected);
        Files.deleteIfExists(errorFileOf(rejected));
    }

    void rejected(Path file, ApiException error) throws IOException {
        Path target = folder.resolve(REJECTED).resolve(folder.relativize(file));
        Files.createDirectories(target.getParent());
        // Written before the move: should the move fail, the file is refused again at the next scan.
        Path errorFile = errorFileOf(target);
        Files.deleteIfExists(errorFile);
        // CREATE_NEW does not write through a link someone put in its place.
        Files.writeString(errorFile, error.code().code() + "\n" + error.getMessage() + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        move(file, target);
    }

    /** A rename: a link is moved as the link, and whatever had the same name there before is replaced. */
    private static void move(Path file, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path errorFileOf(Path file) {
        return file.resolveSibling(file.getFileName() + ERROR_SUFFIX);
    }
}
