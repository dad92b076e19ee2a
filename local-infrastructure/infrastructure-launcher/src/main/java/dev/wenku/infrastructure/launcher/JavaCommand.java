package dev.wenku.infrastructure.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@code java} command line for a child JVM, using the JDK this launcher runs on. */
final class JavaCommand {

    private final List<String> parts = new ArrayList<>();

    JavaCommand() {
        parts.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    JavaCommand option(String option) {
        parts.add(option);
        return this;
    }

    JavaCommand classpath(String classpath) {
        parts.add("-cp");
        parts.add(classpath);
        return this;
    }

    JavaCommand main(String mainClass, List<String> arguments) {
        parts.add(mainClass);
        parts.addAll(arguments);
        return this;
    }

    List<String> build() {
        return List.copyOf(parts);
    }
}
