package dev.wenku.infrastructure.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the build output of this source tree lives: the server classpaths written by the server modules and the
 * runnable service jars. Found from {@code -Dwenku.project.dir} or by walking up from the working directory.
 */
public record ProjectLayout(Path root) {

    static final String ROOT_MARKER = "local-infrastructure/server-process/pom.xml";

    public static ProjectLayout locate() {
        String configured = System.getProperty("wenku.project.dir");
        if (configured != null && !configured.isBlank()) {
            return new ProjectLayout(Path.of(configured).toAbsolutePath().normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(ROOT_MARKER))) {
                return new ProjectLayout(dir);
            }
        }
        throw new IllegalStateException("Cannot find the project root (a folder with " + ROOT_MARKER
            + ") above " + Path.of("").toAbsolutePath() + "; set -Dwenku.project.dir");
    }

    /** The classpath of a server module: its classes plus the dependency list its build wrote. */
    public String serverClasspath(String module) {
        Path moduleDir = root.resolve("local-infrastructure").resolve(module);
        Path classes = moduleDir.resolve("target/classes");
        Path dependencies = moduleDir.resolve("target/server-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(dependencies)) {
            throw new IllegalStateException("The " + module + " module is not built (" + dependencies
                + " is missing). Build it first: ./mvnw -q install -DskipTests");
        }
        try {
            return classes + File.pathSeparator + processSupportClasspath() + File.pathSeparator
                + Files.readString(dependencies).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Classes of the launcher/child protocol, put in front of every child JVM's classpath. */
    public Path processSupportClasspath() {
        return root.resolve("local-infrastructure/server-process/target/classes");
    }

    /** The runnable jar a Spring Boot service module builds ({@code <module>-<version>-exec.jar}). */
    public Path serviceJar(String module) {
        Path target = root.resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No runnable jar for " + module + " in " + target
                    + ". Build it first: ./mvnw -q package -DskipTests"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path seeds() {
        return root.resolve("seeds");
    }
}
