package dev.wenku.infrastructure.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@code java} command line for a child JVM, using the JDK this launcher runs on.
 *
 * <p>Options in the system property {@value #EXTRA_OPTIONS} (separated by spaces) go to every child JVM. The build
 * sets it for tests to {@code -XX:TieredStopAtLevel=1}: a server or service in a test lives a minute or two and spends
 * most of its CPU starting, so compiling that start-up code a second time with C2 is wasted work on two cores (a
 * platform starts in about two thirds of the time). Runs and benchmarks leave it unset and get the full JIT.
 */
final class JavaCommand {

    static final String EXTRA_OPTIONS = "wenku.child-jvm.options";

    private final List<String> parts = new ArrayList<>();

    JavaCommand() {
        parts.add(executable());
        for (String option : System.getProperty(EXTRA_OPTIONS, "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                parts.add(option);
            }
        }
    }

    /** The {@code java} of the JDK this launcher runs on. */
    static String executable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    JavaCommand option(String option) {
        parts.add(option);
        return this;
    }

    JavaCommand options(List<String> options) {
        parts.addAll(options);
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
