package dev.wenku.extraction;

import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;

/**
 * The command line of a worker JVM: the same {@code java} as this JVM, a bounded heap, and this JVM's
 * classes. Inside a Spring Boot executable jar the plain class path is just the outer jar, whose classes
 * sit under {@code BOOT-INF/}; there Boot's PropertiesLauncher opens it and runs the worker main class.
 */
final class WorkerLaunchCommand {

    static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private WorkerLaunchCommand() {
    }

    static List<String> of(ExtractionSettings settings, String workerMainClass) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + settings.maxHeap(),
                // An OutOfMemoryError leaves a parser in an unknown state: die, and be replaced.
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+UseSerialGC",
                "-Xss4m",
                "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=dev/wenku/extraction/worker-logback.xml",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        Optional<Path> bootArchive = springBootArchive();
        if (bootArchive.isPresent()) {
            command.addAll(List.of("-cp", bootArchive.get().toString(), "-Dloader.main=" + workerMainClass, PROPERTIES_LAUNCHER));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), workerMainClass));
        }
        command.add(Integer.toString(settings.maxTextChars()));
        command.add(Long.toString(settings.maxInputBytes()));
        return command;
    }

    /** The executable jar (or its exploded directory) this JVM runs from, if it is a Spring Boot one. */
    static Optional<Path> springBootArchive() {
        CodeSource codeSource = WorkerLaunchCommand.class.getProtectionDomain().getCodeSource();
        return springBootArchive(System.getProperty("java.class.path", ""),
                codeSource == null || codeSource.getLocation() == null ? null : codeSource.getLocation().toString());
    }

    static Optional<Path> springBootArchive(String classPath, String codeSourceLocation) {
        if (!classPath.isEmpty() && !classPath.contains(File.pathSeparator)) {
            Optional<Path> fromClassPath = toPath(classPath).filter(WorkerLaunchCommand::isSpringBootArchive);
            if (fromClassPath.isPresent()) return fromClassPath;
        }
        return archiveOf(codeSourceLocation).filter(WorkerLaunchCommand::isSpringBootArchive);
    }

    /**
     * Boot 3.2+ loads nested jars from URLs like {@code jar:nested:/app/app.jar/!BOOT-INF/lib/x.jar!/};
     * an exploded archive gives {@code file:/app/BOOT-INF/lib/x.jar}. Both lead back to the archive.
     */
    static Optional<Path> archiveOf(String codeSourceLocation) {
        if (codeSourceLocation == null) return Optional.empty();
        String location = URLDecoder.decode(codeSourceLocation.replace("+", "%2B"), StandardCharsets.UTF_8);
        int nested = location.indexOf("nested:");
        if (nested >= 0) {
            String rest = location.substring(nested + "nested:".length());
            int end = rest.indexOf("/!");
            return end < 0 ? Optional.empty() : toPath(rest.substring(0, end));
        }
        int bootInf = location.indexOf("/BOOT-INF/");
        if (location.startsWith("file:") && bootInf >= 0) {
            return toPath(location.substring("file:".length(), bootInf));
        }
        return Optional.empty();
    }

    private static boolean isSpringBootArchive(Path path) {
        if (Files.isDirectory(path)) return Files.isDirectory(path.resolve("BOOT-INF").resolve("lib"));
        if (!Files.isRegularFile(path)) return false;
        try (JarFile jar = new JarFile(path.toFile())) {
            return jar.stream().anyMatch(entry -> entry.getName().startsWith("BOOT-INF/lib/"));
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Path> toPath(String path) {
        try {
            return Optional.of(Path.of(path).toAbsolutePath());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
