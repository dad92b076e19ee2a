package dev.wenku.infrastructure.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
        assertTrue(waitUntilGone(childPid, Duration.ofSeconds(15)), "child " + childPid + " outlived its parent");
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

    private static boolean waitUntilGone(long pid, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
