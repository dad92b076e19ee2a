package dev.wenku.infrastructure.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("security")
class PrivateDirectoriesTest {

    @TempDir
    Path temp;

    @Test
    void aNewDirectoryAndItsMissingParentIsItsOwnersAlone() throws Exception {
        Path logs = PrivateDirectories.create(temp.resolve("run/logs"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(logs)));
    }

    @Test
    void anExistingWorldReadableDirectoryIsClosed() throws Exception {
        Path data = Files.createDirectory(temp.resolve("data"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        PrivateDirectories.create(data);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    }
}
