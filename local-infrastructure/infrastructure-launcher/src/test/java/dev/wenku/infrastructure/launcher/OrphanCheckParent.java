package dev.wenku.infrastructure.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A parent JVM for {@link ChildProcessIT}: starts a watched child, prints its pid, then waits to be killed. */
public final class OrphanCheckParent {

    public static void main(String[] args) throws Exception {
        ChildProcess child = ChildProcess.start("sleeper", new JavaCommand()
            .classpath(System.getProperty("java.class.path"))
            .main("dev.wenku.infrastructure.process.ParentWatch", List.of(SleepForever.class.getName()))
            .build(), Path.of(args[0]).resolve("sleeper.log"), null);
        child.awaitReadyLine(Duration.ofSeconds(30));
        System.out.println(child.pid());
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5));
    }
}
