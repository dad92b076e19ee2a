package dev.wenku.infrastructure.launcher;

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
        StartupCache.ServiceLaunch start = StartupCache.prepare(layout, service.module());
        List<String> mainArguments = new ArrayList<>(List.of(start.mainClass(),
            "--server.port=" + port, "--server.address=127.0.0.1"));
        mainArguments.addAll(arguments);
        List<String> command = LocalPlatform.serviceJvm().options(start.options())
            .classpath(start.classpath())
            .main("dev.wenku.infrastructure.process.ParentWatch", mainArguments)
            .build();
        ChildProcess process = ChildProcess.start(service.module(), command, environment, log, null);
        start.started(process.pid());
        try {
            HttpProbe.awaitResponse("http://127.0.0.1:" + port + "/actuator/health", r -> r.statusCode() == 200,
                START_TIMEOUT, process);
            return process;
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }
}
