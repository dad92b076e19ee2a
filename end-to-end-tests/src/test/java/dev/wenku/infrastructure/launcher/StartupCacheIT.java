package dev.wenku.infrastructure.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wenku.support.testing.TestCallers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The services' start-up cache ({@link StartupCache}) on a real service JVM: the gateway, which starts without Kafka,
 * Elasticsearch or PostgreSQL. The build's gateway jar is copied into a layout of its own, so that the build's own
 * caches, which the other tests use, are left alone.
 */
class StartupCacheIT {

    private static final String GATEWAY = ServiceModule.GATEWAY.module();

    @TempDir
    Path root;
    @TempDir
    Path logs;
    private ProjectLayout layout;

    @BeforeEach
    void copyTheBuild() throws IOException {
        ProjectLayout build = ProjectLayout.locate();
        Path jar = build.serviceJar(GATEWAY);
        Path target = Files.createDirectories(root.resolve(GATEWAY).resolve("target"));
        Files.copy(jar, target.resolve(jar.getFileName()));
        copyTree(build.processSupportClasspath(), root.resolve("local-infrastructure/server-process/target/classes"));
        layout = new ProjectLayout(root);
    }

    @AfterEach
    void enableAgain() {
        System.clearProperty(StartupCache.ENABLED);
    }

    @Test
    void aServiceRecordsInItsFirstRunAndStartsFromTheCacheMadeOfItAfterwards() throws Exception {
        try (ChildProcess first = startGateway("first.log")) {
            assertThat(arguments(first)).as("the first run records").contains("-XX:AOTMode=record")
                .noneMatch(argument -> argument.startsWith("-XX:AOTCache="));
            StartupCache.ServiceLaunch meanwhile = StartupCache.prepare(layout, GATEWAY);
            assertThat(meanwhile.options()).as("one run records at a time").isEmpty();
            assertThat(meanwhile.mainClass()).isEqualTo("dev.wenku.gateway.GatewayApplication");
            assertThat(meanwhile.classpath().split(java.io.File.pathSeparator)).as("jars only")
                .allMatch(entry -> entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry)));
        }
        // Stopped as a platform stops it (SIGTERM): the JVM wrote its record on the way out.
        try (ChildProcess second = startGateway("second.log")) {
            String cache = arguments(second).stream().filter(argument -> argument.startsWith("-XX:AOTCache="))
                .findFirst().orElseThrow(() -> new AssertionError("not started from a cache: " + arguments(second)))
                .substring("-XX:AOTCache=".length());
            assertThat(Path.of(cache)).isRegularFile();
            assertThat(cache).endsWith("/gateway.aot");
            assertThat(get(second)).as("the gateway answers from its cache").isEqualTo(200);
            assertThat(Files.readString(second.logFile())).doesNotContain("[error][aot");
        }
    }

    @Test
    void aRecordThatMakesNoCacheIsDroppedAndTheNextRunRecordsAgain() throws Exception {
        StartupCache.ServiceLaunch recording = StartupCache.prepare(layout, GATEWAY);
        Path record = Path.of(option(recording, "-XX:AOTConfiguration="));
        // A run that ended before its JVM wrote the whole record (killed, out of disk).
        Files.writeString(record, "not a record");
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        recording.started(ended.pid());

        StartupCache.ServiceLaunch next = StartupCache.prepare(layout, GATEWAY);

        assertThat(next.options()).as("recording again").contains("-XX:AOTMode=record");
        assertThat(record).doesNotExist();
        assertThat(record.resolveSibling("gateway.aot")).doesNotExist();
    }

    @Test
    void turnedOffTheServiceStartsFromItsRunnableJar() {
        System.setProperty(StartupCache.ENABLED, "false");

        StartupCache.ServiceLaunch launch = StartupCache.prepare(layout, GATEWAY);

        assertThat(launch.mainClass()).isEqualTo("org.springframework.boot.loader.launch.JarLauncher");
        assertThat(launch.classpath()).endsWith(layout.serviceJar(GATEWAY).toString());
        assertThat(launch.options()).isEmpty();
    }

    private ChildProcess startGateway(String log) {
        Map<String, String> environment = Map.of(
            "WENKU_SECURITY_USERS_EDITOR_PASSWORD", "editor-password-for-this-test",
            "WENKU_SECURITY_USERS_EDITOR_ROLES", "EDITOR",
            "WENKU_SECURITY_USERS_OPERATOR_PASSWORD", "operator-password-for-this-test",
            "WENKU_SECURITY_USERS_OPERATOR_ROLES", "OPERATOR,EDITOR",
            LocalPlatform.CALLER_TOKEN_SECRET, TestCallers.SECRET);
        return ServiceProcesses.start(layout, ServiceModule.GATEWAY, FreePorts.next(), List.of(), environment,
            logs.resolve(log));
    }

    private static List<String> arguments(ChildProcess process) {
        return List.of(process.handle().info().arguments().orElseThrow());
    }

    private static String option(StartupCache.ServiceLaunch launch, String prefix) {
        return launch.options().stream().filter(option -> option.startsWith(prefix)).findFirst()
            .orElseThrow(() -> new AssertionError("no " + prefix + " in " + launch.options()))
            .substring(prefix.length());
    }

    /** The status of the gateway's readiness probe: it answers without credentials. */
    private static int get(ChildProcess gateway) throws Exception {
        String port = arguments(gateway).stream().filter(argument -> argument.startsWith("--server.port="))
            .findFirst().orElseThrow().substring("--server.port=".length());
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path path : files.toList()) {
                Path copy = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                }
            }
        }
    }
}
