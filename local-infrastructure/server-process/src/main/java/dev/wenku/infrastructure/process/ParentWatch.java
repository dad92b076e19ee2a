package dev.wenku.infrastructure.process;

import java.io.IOException;
import java.io.InputStream;

/**
 * Ends this JVM when the process that started it goes away.
 *
 * <p>The launcher keeps the write end of this process's standard input open and never writes to it. When the
 * launcher exits for any reason, including SIGKILL, the operating system closes that pipe, the read below returns
 * end-of-stream and we exit through the normal shutdown hooks, so no orphan server survives its parent.
 */
public final class ParentWatch {

    private ParentWatch() {
    }

    /**
     * Runs another main class under the watch: {@code ParentWatch <main class> [its arguments...]}. Used for
     * programs that do not watch their parent themselves, such as the Spring Boot services' {@code JarLauncher}.
     */
    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("Usage: ParentWatch <main class> [arguments...]");
        }
        exitWhenParentGoesAway();
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        try {
            Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object) rest);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    public static void exitWhenParentGoesAway() {
        exitWhenClosed(System.in);
    }

    static Thread exitWhenClosed(InputStream parentPipe) {
        Thread watcher = new Thread(() -> {
            try {
                while (parentPipe.read() != -1) {
                    // Anything the parent writes is ignored; only the end of the stream matters.
                }
            } catch (IOException closed) {
                // A broken pipe means the same thing as end-of-stream.
            }
            System.exit(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }
}
