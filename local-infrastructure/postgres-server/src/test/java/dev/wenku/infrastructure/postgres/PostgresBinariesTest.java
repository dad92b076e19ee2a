package dev.wenku.infrastructure.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class PostgresBinariesTest {

    @TempDir
    Path target;

    @Test
    void programsStayExecutableAndLibraryLinksAreKept() throws IOException {
        byte[] archive = txz(tar -> {
            file(tar, "bin/initdb", 0755, "#!/bin/sh\n");
            file(tar, "lib/libpq.so.5.17", 0644, "ELF");
            TarArchiveEntry link = new TarArchiveEntry("lib/libpq.so.5", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("libpq.so.5.17");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        });
        PostgresBinaries.unpack(new ByteArrayInputStream(archive), target);
        assertTrue(Files.isExecutable(target.resolve("bin/initdb")));
        assertFalse(Files.getPosixFilePermissions(target.resolve("lib/libpq.so.5.17"))
            .contains(PosixFilePermission.OWNER_EXECUTE));
        assertTrue(Files.isSymbolicLink(target.resolve("lib/libpq.so.5")));
        assertEquals("ELF", Files.readString(target.resolve("lib/libpq.so.5")));
        assertTrue(Files.getPosixFilePermissions(target.resolve("bin")).contains(PosixFilePermission.OTHERS_EXECUTE));
    }

    @Test
    void anEntryLeavingTheTargetIsRefused() throws IOException {
        byte[] archive = txz(tar -> file(tar, "../escaped", 0644, "x"));
        assertThrows(IllegalStateException.class,
            () -> PostgresBinaries.unpack(new ByteArrayInputStream(archive), target.resolve("inside")));
        assertFalse(Files.exists(target.resolve("escaped")));
    }

    @Test
    void aLinkLeavingTheTargetIsRefused() throws IOException {
        byte[] archive = txz(tar -> {
            TarArchiveEntry link = new TarArchiveEntry("lib/evil", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("../../etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        });
        assertThrows(IllegalStateException.class, () -> PostgresBinaries.unpack(new ByteArrayInputStream(archive), target));
    }

    @Test
    void theBinariesArtifactOnTheClasspathUnpacksOnceAndIsReusedAfterwards() throws IOException {
        ByteArrayOutputStream firstLog = new ByteArrayOutputStream();
        PostgresBinaries first = PostgresBinaries.unpackOnce(target, "test",
            new java.io.PrintStream(firstLog, true, StandardCharsets.UTF_8));
        assertTrue(Files.isExecutable(first.program("postgres")));
        assertTrue(Files.isExecutable(first.program("initdb")));
        assertTrue(firstLog.toString(StandardCharsets.UTF_8).contains("unpacked in"));

        ByteArrayOutputStream secondLog = new ByteArrayOutputStream();
        PostgresBinaries second = PostgresBinaries.unpackOnce(target, "test",
            new java.io.PrintStream(secondLog, true, StandardCharsets.UTF_8));
        assertEquals(first, second);
        assertTrue(secondLog.toString(StandardCharsets.UTF_8).contains("(cached)"));
    }

    private interface Entries {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static byte[] txz(Entries entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZOutputStream(bytes, new LZMA2Options()))) {
            entries.write(tar);
        }
        return bytes.toByteArray();
    }

    private static void file(TarArchiveOutputStream tar, String name, int mode, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(mode);
        entry.setSize(data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }
}
