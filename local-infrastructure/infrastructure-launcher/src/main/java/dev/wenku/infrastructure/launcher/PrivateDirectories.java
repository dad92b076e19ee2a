package dev.wenku.infrastructure.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The run's data and log directories, made their owner's alone ({@code rwx------}) whatever the umask: they hold the
 * documents, the index, the spooled imports, the logs (user names, document ids) and the passwords. Where PostgreSQL
 * runs as another user (the launcher runs as root), it adds only the right to pass through the directories above
 * its own data ({@code --x}), never to list or read them.
 */
final class PrivateDirectories {

    private PrivateDirectories() {
    }

    static Path create(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + directory + " for its owner alone", e);
        }
    }

    /**
     * Writes {@code content} to a new {@code file} readable by its owner alone ({@code rw-------}), replacing any
     * earlier one: the file is created with those permissions, so the secret is never readable by others, not even
     * for a moment.
     */
    static void writeFile(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + " for its owner alone", e);
        }
    }
}
