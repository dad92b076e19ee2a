package dev.wenku.benchmarks;

import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ServiceModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of each Wenku service at one moment: {@code jcmd <pid> GC.run} (a full collection: the services run
 * the serial collector) and then {@code GC.heap_info}, whose generations' "used" figures are then what survives, the
 * data the service holds. Taken at two sizes of the corpus, it shows whether a service's memory grows with the corpus
 * (resident memory cannot: a JVM keeps the heap it once grew to).
 */
final class ServiceHeaps {

    /** A generation's line of {@code GC.heap_info}: "DefNew total 19648K, used 2765K [...". */
    private static final Pattern GENERATION = Pattern.compile("(?m)^\\S.*?total \\d+K, used (\\d+)K");
    private static final Path JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd");

    private ServiceHeaps() {
    }

    /** Live heap in MiB per service, in the order of {@link ServiceModule}. */
    static Map<String, Double> afterFullGc(LocalPlatform platform) throws IOException, InterruptedException {
        Map<String, ProcessHandle> processes = platform.processes();
        Map<String, Double> heaps = new LinkedHashMap<>();
        for (ServiceModule service : ServiceModule.values()) {
            ProcessHandle process = processes.get(service.module());
            if (process != null && process.isAlive()) {
                jcmd(process.pid(), "GC.run");
                heaps.put(service.module(), usedMiB(jcmd(process.pid(), "GC.heap_info")));
            }
        }
        return heaps;
    }

    static double usedMiB(String heapInfo) {
        Matcher generation = GENERATION.matcher(heapInfo);
        long kib = 0;
        while (generation.find()) {
            kib += Long.parseLong(generation.group(1));
        }
        if (kib == 0) {
            throw new IllegalStateException("no heap figures in: " + heapInfo);
        }
        return kib / 1024.0;
    }

    /** Runs jcmd to its end (its output ends when it does) and returns what it printed. */
    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(JCMD.toString(), Long.toString(pid), command).redirectErrorStream(true)
            .start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + output);
        }
        return output;
    }
}
