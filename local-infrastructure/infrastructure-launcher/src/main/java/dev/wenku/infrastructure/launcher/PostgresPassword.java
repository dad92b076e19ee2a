package dev.wenku.infrastructure.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The password of the embedded PostgreSQL's superuser: generated on the first start, kept in a file readable by its
 * owner only, and reused by every later start on the same data, so that what a run wrote stays reachable. The
 * server sets it again at each start, so deleting the file just gives the next start a new password.
 */
final class PostgresPassword {

    static final String FILE_NAME = "password";

    private PostgresPassword() {
    }

    static String loadOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                String kept = Files.readString(file).strip();
                if (!kept.isEmpty()) {
                    return kept;
                }
            }
            String password = RandomSecrets.generate(18);
            PrivateDirectories.writeFile(file, password + "\n");
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the PostgreSQL password in " + file, e);
        }
    }
}
