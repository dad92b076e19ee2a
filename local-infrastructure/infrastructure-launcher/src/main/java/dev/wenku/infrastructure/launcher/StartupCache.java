package dev.wenku.infrastructure.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Makes a service's JVM start in a fraction of the CPU it takes from the runnable jar: the jar extracted once per
 * build (Spring Boot's {@code -Djarmode=tools extract}), and the JDK's ahead-of-time cache of its classes, loaded and
 * linked, and of its start-up's method profiles (JEP 483, 514, 515), recorded by one of its runs.
 *
 * <p>Why: five Spring Boot services starting at once on two cores took most of a platform's start (about 20 s of CPU
 * each), and the tests start a platform many times. Measured on the gateway alone, idle machine: 18.6 s of CPU from
 * the nested jar, 14.9 s extracted, 6.9 s with the cache (8.5 → 3.5 s with the tests' C1-only JIT). The JDK takes
 * classes into its cache only from jar files on the class path, not from the jars nested in a Spring Boot jar (loaded
 * by Spring Boot's own class loader) nor from directories; hence the extraction, and {@code ParentWatch} copied into a
 * jar of its own.
 *
 * <p>The cache follows the JDK's two steps, run by this class rather than by the JVM itself, so that no step outlives
 * the process that waits for it: a run with {@code -XX:AOTMode=record} writes what it loaded when it exits normally
 * (a platform's {@code close()} or Ctrl-C; a SIGKILL writes nothing and a later run records again); the next start
 * of the service turns that record into the cache ({@code -XX:AOTMode=create}, some seconds of CPU, once per build)
 * and every start after it uses the cache. One run at a time records a service: its process id is kept in a claim
 * file, so a second instance of the service, or another platform, starts without recording while it lives. The
 * JVM checks the cache against the class path (each jar's size and time) and ignores a cache that does not match;
 * the extraction lives in a folder named after the runnable jar's size and time, so a new build gets a new one and
 * the old folder is deleted.
 *
 * <p>Anything that goes wrong here (a JDK older than 25, a jar without Spring Boot's tools) leaves the service
 * starting from its runnable jar as before, with a line on standard error; {@code -Dwenku.startup-cache=false} turns
 * the whole thing off.
 */
final class StartupCache {

    static final String ENABLED = "wenku.startup-cache";
    /** The JDK whose {@code -XX:AOTMode} records method profiles as well (JEP 515) and runs both steps as used here. */
    private static final int FIRST_JDK = 25;
    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration UNSTARTED_CLAIM = Duration.ofMinutes(10);
    private static final String JAR_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";
    static final String PARENT_WATCH = "dev.wenku.infrastructure.process.ParentWatch";
    /**
     * The JDK's warnings about classes it leaves out of a cache (those of a multi-release jar's newer versions, a
     * few it cannot link) say nothing an operator can act on, in every service's log: errors only.
     */
    private static final String QUIET = "-Xlog:aot*=error";

    /**
     * How to start one service's JVM: its class path, the main class {@code ParentWatch} runs, and the JVM options of
     * the cache ({@code -XX:AOTCache=…} or the recording ones; none where neither applies).
     */
    record ServiceLaunch(String classpath, String mainClass, List<String> options, Optional<Path> recordingClaim) {

        /** Tells later launches that the process {@code pid} records this service (only the launch that claimed it). */
        void started(long pid) {
            recordingClaim.ifPresent(claim -> {
                try {
                    Files.writeString(claim, Long.toString(pid));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private StartupCache() {
    }

    /** The launch of {@code module}'s JVM, with the cache where it can have one (see the class comment). */
    static ServiceLaunch prepare(ProjectLayout layout, String module) {
        Path runnableJar = layout.serviceJar(module);
        ServiceLaunch fromJar = new ServiceLaunch(layout.processSupportClasspath() + java.io.File.pathSeparator
            + runnableJar, JAR_LAUNCHER, List.of(), Optional.empty());
        if (!enabled()) {
            return fromJar;
        }
        try {
            return locked(layout, module, build -> build.launch(module));
        } catch (IOException | RuntimeException e) {
            System.err.println("The start-up cache of " + module + " is not used (" + e.getMessage() + "); it starts"
                + " from " + runnableJar.getFileName() + ".");
            return fromJar;
        }
    }

    /**
     * Makes the cache of every service that a run has recorded and none yet has, without starting any: for a
     * measurement of the start that users meet from their second run on.
     */
    static void makeRecorded(ProjectLayout layout) throws IOException {
        if (enabled()) {
            for (ServiceModule service : ServiceModule.values()) {
                locked(layout, service.module(), build -> build.cacheFromRecord(service.module()));
            }
        }
    }

    /**
     * Whether every service of this build would start from its cache: a look at the build's folders, which neither
     * extracts a jar nor makes a cache from a record ({@link #makeRecorded} does).
     */
    static boolean ready(ProjectLayout layout) throws IOException {
        if (!enabled()) {
            return false;
        }
        for (ServiceModule service : ServiceModule.values()) {
            Path runnableJar = layout.serviceJar(service.module());
            Path folder = Build.folder(layout, runnableJar, runnableJar.resolveSibling("startup-cache"));
            if (!Files.exists(folder.resolve(Build.EXTRACTED)) || !Files.exists(Build.cache(folder, service.module()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty(ENABLED, "true")) && Runtime.version().feature() >= FIRST_JDK;
    }

    /** What one service's folder of this build holds, under a lock of threads and processes alike. */
    private interface Step<T> {
        T on(Build build) throws IOException;
    }

    private static synchronized <T> T locked(ProjectLayout layout, String module, Step<T> step) throws IOException {
        Path runnableJar = layout.serviceJar(module);
        Path root = runnableJar.resolveSibling("startup-cache");
        Files.createDirectories(root);
        try (FileChannel lockFile = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
                 StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            return step.on(Build.extracted(layout, runnableJar, root));
        }
    }

    /** The folder of one build of a service: its extracted jar, and its record or cache. */
    private record Build(Path folder, String classpath, String mainClass) {

        /** The file that says a folder's extraction is complete. */
        static final String EXTRACTED = "extracted";

        /** This build's folder: named after the service's jar and {@code ParentWatch}, so a new build gets a new one. */
        static Path folder(ProjectLayout layout, Path runnableJar, Path root) throws IOException {
            Path parentWatch = layout.processSupportClasspath().resolve(PARENT_WATCH.replace('.', '/') + ".class");
            return root.resolve(Files.size(runnableJar) + "-" + Files.getLastModifiedTime(runnableJar).toMillis()
                + "-" + Files.getLastModifiedTime(parentWatch).toMillis());
        }

        static Path cache(Path folder, String module) {
            return folder.resolve(module + ".aot");
        }

        static Build extracted(ProjectLayout layout, Path runnableJar, Path root) throws IOException {
            Path folder = folder(layout, runnableJar, root);
            Path application = folder.resolve("application");
            Path extracted = folder.resolve(EXTRACTED);
            if (!Files.exists(extracted)) {
                deleteOthers(root, folder);
                Files.createDirectories(folder);
                extract(runnableJar, application);
                jarOf(layout.processSupportClasspath(), folder.resolve("parent-watch.jar"));
                Files.createFile(extracted);
            }
            Path applicationJar = application.resolve(runnableJar.getFileName());
            return new Build(folder, folder.resolve("parent-watch.jar") + java.io.File.pathSeparator + applicationJar,
                mainClassOf(applicationJar));
        }

        Path cache(String module) {
            return cache(folder, module);
        }

        private Path record(String module) {
            return folder.resolve(module + ".aotconf");
        }

        private Path claim() {
            return folder.resolve("recording");
        }

        /** Turns a finished run's record into the cache; a record that does not make one is dropped. */
        Void cacheFromRecord(String module) throws IOException {
            if (Files.exists(cache(module)) || !Files.exists(record(module)) || recordingLives(claim())) {
                return null;
            }
            try {
                create(module, classpath, record(module), cache(module), folder.resolve("create.log"));
            } catch (IOException e) {
                System.err.println("The start-up cache of " + module + " could not be made from its record ("
                    + e.getMessage() + "); a run records it again.");
            } finally {
                Files.deleteIfExists(record(module));
                Files.deleteIfExists(claim());
            }
            return null;
        }

        /** From the cache; else recording, unless another run records already. */
        ServiceLaunch launch(String module) throws IOException {
            cacheFromRecord(module);
            if (Files.exists(cache(module))) {
                return new ServiceLaunch(classpath, mainClass, List.of(QUIET, "-XX:AOTCache=" + cache(module)),
                    Optional.empty());
            }
            if (recordingLives(claim())) {
                return new ServiceLaunch(classpath, mainClass, List.of(), Optional.empty());
            }
            Files.writeString(claim(), "");
            return new ServiceLaunch(classpath, mainClass,
                List.of(QUIET, "-XX:AOTMode=record", "-XX:AOTConfiguration=" + record(module)), Optional.of(claim()));
        }
    }

    /**
     * Whether the process named in {@code claim} still runs. A claim not yet given its process counts as live for
     * {@link #UNSTARTED_CLAIM} (a launch that failed before its JVM started leaves one).
     */
    private static boolean recordingLives(Path claim) throws IOException {
        if (!Files.exists(claim)) {
            return false;
        }
        String pid = Files.readString(claim).strip();
        if (pid.isEmpty()) {
            return Files.getLastModifiedTime(claim).toInstant().isAfter(Instant.now().minus(UNSTARTED_CLAIM));
        }
        return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void extract(Path runnableJar, Path destination) throws IOException {
        Path partial = destination.resolveSibling(destination.getFileName() + ".partial");
        Directories.deleteRecursively(partial);
        run("extraction", List.of(JavaCommand.executable(), "-Djarmode=tools", "-jar", runnableJar.toString(), "extract", "--destination",
            partial.toString()), destination.resolveSibling("extract.log"), Duration.ofMinutes(2));
        Files.move(partial, destination, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Turns a run's record into the cache, with the service's JVM options (the cache is checked against them). */
    private static void create(String module, String classpath, Path record, Path cache, Path log)
            throws IOException {
        Path partial = cache.resolveSibling(cache.getFileName() + ".partial");
        List<String> command = new ArrayList<>(ServiceProcesses.serviceJvm(ServiceModule.of(module)).build());
        command.addAll(List.of(QUIET, "-XX:AOTMode=create", "-XX:AOTConfiguration=" + record, "-XX:AOTCache=" + partial,
            "-cp", classpath));
        try {
            run("making the cache", command, log, CREATE_TIMEOUT);
            Files.move(partial, cache, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Runs a step to its end; a launcher stopped meanwhile (Ctrl-C) stops it too. */
    private static void run(String step, List<String> command, Path log, Duration timeout) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Thread stopWithLauncher = new Thread(process::destroyForcibly, "stop " + log.getFileName());
        Runtime.getRuntime().addShutdownHook(stopWithLauncher);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IOException(step + " did not end within " + timeout + " (" + log + ")");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            removeHook(stopWithLauncher);
        }
        if (process.exitValue() != 0) {
            throw new IOException(step + " ended with exit code " + process.exitValue() + " (" + log + ")");
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs (or ran) anyway.
        }
    }

    /** The classes of {@code directory} in a jar: the JDK caches classes from jars only. */
    private static void jarOf(Path directory, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(directory.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
    }

    private static String mainClassOf(Path applicationJar) throws IOException {
        try (JarFile jar = new JarFile(applicationJar.toFile())) {
            Manifest manifest = jar.getManifest();
            String main = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            if (main == null) {
                throw new IOException(applicationJar + " names no Main-Class");
            }
            return main;
        }
    }

    private static void deleteOthers(Path root, Path keep) throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            children.filter(Files::isDirectory).filter(child -> !child.equals(keep))
                .forEach(Directories::deleteRecursively);
        }
    }
}
