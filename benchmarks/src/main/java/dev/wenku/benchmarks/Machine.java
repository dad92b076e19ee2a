package dev.wenku.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One line naming the machine a benchmark ran on: CPU model and count, memory, operating system, JDK. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        List<String> cpuinfo = lines("/proc/cpuinfo");
        String model = cpuinfo.stream().filter(l -> l.startsWith("model name")).findFirst()
            .map(Machine::value).orElse("unknown CPU");
        long cpus = cpuinfo.stream().filter(l -> l.startsWith("processor")).count();
        double memoryGib = lines("/proc/meminfo").stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
            .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / (1024.0 * 1024)).orElse(0.0);
        return String.format("%s × %d (%d available to the JVM), %.1f GiB RAM, %s %s (%s), JDK %s (%s)", model,
            cpus, Runtime.getRuntime().availableProcessors(), memoryGib, System.getProperty("os.name"),
            System.getProperty("os.version"), distribution(), System.getProperty("java.runtime.version"),
            System.getProperty("java.vm.vendor"));
    }

    private static String distribution() {
        return lines("/etc/os-release").stream().filter(l -> l.startsWith("PRETTY_NAME=")).findFirst()
            .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", "")).orElse("unknown distribution");
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).strip();
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
