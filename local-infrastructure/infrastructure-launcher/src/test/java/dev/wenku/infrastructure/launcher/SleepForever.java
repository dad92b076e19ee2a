package dev.wenku.infrastructure.launcher;

import dev.wenku.infrastructure.process.ReadyLine;
import java.time.Duration;

/** A stand-in server process for the child-process tests: announces itself, then idles. */
public final class SleepForever {

    public static void main(String[] args) throws InterruptedException {
        new ReadyLine("sleeper", "nowhere").announce();
        Thread.sleep(Duration.ofMinutes(10));
    }
}
