package dev.wenku.e2e;

import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded platform (default settings, free ports) for every test class {@link OnSharedPlatform}: starting a
 * platform costs about a minute of both cores, and four classes each started one of their own. It starts with the
 * first such class and stops when the test run ends (JUnit closes what the root store holds); its data and logs live
 * in a temporary directory deleted then.
 */
public final class SharedPlatform implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedPlatform.class);

    private static volatile Running running;

    /** The running platform, where it keeps its data, and the source tree it runs from. */
    public record Running(LocalPlatform platform, Path data, ProjectLayout layout) implements AutoCloseable {

        @Override
        public void close() {
            try {
                platform.close();
            } finally {
                Directories.deleteRecursively(data);
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Running.class, key -> start(), Running.class);
    }

    /** The shared platform; valid in and after a {@code @BeforeAll} of a class {@link OnSharedPlatform}. */
    public static LocalPlatform platform() {
        return current().platform();
    }

    /** The shared platform's data directory (its logs, Kafka's and Elasticsearch's files, the drop folder). */
    public static Path data() {
        return current().data();
    }

    public static ProjectLayout layout() {
        return current().layout();
    }

    private static Running current() {
        if (running == null) {
            throw new IllegalStateException("not started: annotate the test class with @OnSharedPlatform");
        }
        return running;
    }

    private static Running start() {
        Path data = null;
        try {
            ProjectLayout layout = ProjectLayout.locate();
            data = Files.createTempDirectory("wenku-e2e-");
            return new Running(LocalPlatform.start(layout, data, LocalPlatform.Ports.ANY_FREE, null), data, layout);
        } catch (Exception e) {
            if (data != null) {
                Directories.deleteRecursively(data);
            }
            throw new IllegalStateException("the shared platform did not start", e);
        }
    }
}
