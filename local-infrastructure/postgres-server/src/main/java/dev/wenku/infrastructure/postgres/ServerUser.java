package dev.wenku.infrastructure.postgres;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The user initdb and postgres run as.
 *
 * <p>PostgreSQL refuses to run as root ({@code initdb: error: cannot be run as root}), and CI and the development
 * machines run as root. Then the data directories are handed to the unprivileged user {@code nobody} (65534) and
 * the programs run through util-linux's {@code setpriv --reuid=65534 --regid=65534 --clear-groups}. As any other
 * user they run as that user.
 *
 * <p>Either way they run through {@code setpriv --pdeathsig INT} when setpriv is there: the kernel sends the
 * postmaster SIGINT (PostgreSQL's fast shutdown) when the JVM that started it dies, even by SIGKILL, so no
 * postgres outlives its server JVM. (The signal is bound to the thread that started the process: the main thread,
 * which lives as long as the JVM does.)
 */
record ServerUser(boolean root, Optional<Path> setpriv) {

    static final int NOBODY = 65534;

    static ServerUser ofThisProcess() throws IOException {
        // /proc/self belongs to this process's effective user.
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        ServerUser user = new ServerUser(uid == 0, findOnPath("setpriv"));
        if (user.root() && user.setpriv().isEmpty()) {
            throw new IllegalStateException("PostgreSQL cannot run as root and setpriv (Debian's util-linux) is not on"
                + " the PATH to run it as nobody: install util-linux, or run as another user");
        }
        return user;
    }

    /** The command line that runs {@code program} as this server user. */
    List<String> command(List<String> program) {
        List<String> command = new ArrayList<>();
        setpriv.ifPresent(found -> {
            command.add(found.toString());
            if (root) {
                command.addAll(List.of("--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
            }
            command.addAll(List.of("--pdeathsig", "INT"));
        });
        command.addAll(program);
        return command;
    }

    String describe() {
        return root ? "nobody (uid " + NOBODY + ", this JVM runs as root)" : "this JVM's user";
    }

    /** Hands {@code path} and everything below it to the server user (as root; otherwise it is already its own). */
    void own(Path path) throws IOException {
        if (!root) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.toList()) {
                if (!Integer.valueOf(NOBODY).equals(Files.getAttribute(each, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
                    Files.setAttribute(each, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(each, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /**
     * Lets the server user reach {@code path}: as root, every directory above it that others may not search (a
     * temporary directory is created with mode 700, so are home directories) gets the search permission for others
     * ({@code o+x}: going through, not listing). Each change is reported on {@code log}.
     */
    void makeReachable(Path path, PrintStream log) throws IOException {
        if (!root) {
            return;
        }
        for (Path dir = path.toAbsolutePath().normalize().getParent(); dir != null; dir = dir.getParent()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(dir, permissions);
                log.println("Gave others the search permission (o+x) on " + dir + " so that PostgreSQL, running as uid "
                    + NOBODY + ", reaches " + path);
            }
        }
    }

    private static Optional<Path> findOnPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/bin:/usr/sbin:/sbin";
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
            .map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst();
    }
}
