package dev.wenku.infrastructure.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service of this build in a JVM of its own, from its runnable jar, as the platform runs it: for tests that kill
 * a service with SIGKILL (a crash) and start it again. The child dies with this process, like every other child.
 */
public final class ServiceProcesses {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private ServiceProcesses() {
    }

    /**
     * Starts {@code service} on {@code port} with {@code arguments} (Spring properties as {@code --name=value}) and
     * returns once its health endpoint answers 200.
     *
     * @param environment variables added for the child (secrets stay out of the process list)
     * @param log         the file its output goes to
     */
    public static ChildProcess start(ProjectLayout layout, ServiceModule service, int port, List<String> arguments,
                                     Map<String, String> environment, Path log) {
        List<String> settings = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1"));
        settings.addAll(arguments);
        ChildProcess process = launch(layout, service, service.module(), settings, environment, log, null);
        try {
            HttpProbe.awaitResponse("http://127.0.0.1:" + port + "/actuator/health", r -> r.statusCode() == 200,
                START_TIMEOUT, process);
            return process;
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /**
     * Starts {@code service}'s JVM as every start of a service does, the platform's and the tests' alike: the
     * services' JVM options ({@link #serviceJvm}), its start-up cache where it has one ({@link StartupCache}), and
     * {@code ParentWatch} around its main class, so the child dies with this process.
     *
     * @param name      the child's name in logs and errors
     * @param settings  Spring properties as {@code --name=value}
     * @param echo      where its output is copied too (null: only to {@code log})
     */
    static ChildProcess launch(ProjectLayout layout, ServiceModule service, String name, List<String> settings,
                               Map<String, String> environment, Path log, PrintStream echo) {
        StartupCache.ServiceLaunch start = StartupCache.prepare(layout, service.module());
        List<String> mainArguments = new ArrayList<>(List.of(start.mainClass()));
        mainArguments.addAll(settings);
        // A crash report belongs next to the service's log, not in the folder the platform was started from.
        List<String> command = serviceJvm(service).options(start.options())
            .option("-XX:ErrorFile=" + log.toAbsolutePath().resolveSibling(name + "-hs_err_pid%p.log"))
            .classpath(start.classpath())
            .main(StartupCache.PARENT_WATCH, mainArguments)
            .build();
        ChildProcess process = ChildProcess.start(name, command, environment, log, echo);
        start.started(process.pid());
        return process;
    }

    /** The JVM options of {@code service}, whoever starts it: every service's, and its own. */
    static JavaCommand serviceJvm(ServiceModule service) {
        return new JavaCommand().options(service.jvmOptions())
            .option("-Xms64m").option("-Xmx" + LocalPlatform.SERVICE_HEAP_MIB + "m").option("-XX:+UseSerialGC")
            // Netty (the gateway) frees direct buffers with malloc/free only when native access is enabled; without it,
            // on JDK 25, it closes a shared Arena per buffer, which stops every thread (a handshake) each time.
            .option("--enable-native-access=ALL-UNNAMED");
    }
}
