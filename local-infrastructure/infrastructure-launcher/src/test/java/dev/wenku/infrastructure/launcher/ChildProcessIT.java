package dev.wenku.infrastructure.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessIT {

    @TempDir
    Path logs;

    @Test
    void aChildDiesWhenItsParentIsKilledWithSigkill() throws Exception {
        Process parent = new ProcessBuilder(new JavaCommand()
                .classpath(System.getProperty("java.class.path"))
                .main(OrphanCheckParent.class.getName(), List.of(logs.toString()))
                .build())
            .redirectErrorStream(true).start();
        long childPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream()))) {
            childPid = Long.parseLong(out.readLine().strip());
            assertTrue(ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false), "child should run");
            parent.destroyForcibly().waitFor();
        }
        await().alias("child " + childPid + " gone with its parent").atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> ProcessHandle.of(childPid).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void closeStopsTheChildAndTheLogKeepsItsOutput() throws Exception {
        ChildProcess child = ChildProcess.start("talker", new JavaCommand()
            .classpath(System.getProperty("java.class.path"))
            .main("dev.wenku.infrastructure.process.ParentWatch", List.of(SleepForever.class.getName()))
            .build(), logs.resolve("talker.log"), null);
        child.awaitReadyLine(Duration.ofSeconds(30));
        child.close();
        assertFalse(child.isAlive());
        assertTrue(Files.readString(logs.resolve("talker.log")).contains("WENKU-READY sleeper"));
    }
}
