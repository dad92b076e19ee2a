package dev.wenku.support.identity;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * How an instance of a service names itself where instances share work (a lease, a claimed partition): its process
 * and host ({@code pid@host}), which say where to look, and a random part, so that a restarted process on the same
 * host and pid is never taken for the one before it.
 */
public final class Instances {

    private Instances() {
    }

    /** A new name for this process, e.g. {@code 4242@analysis-1/3f9c2a1b}. */
    public static String newName() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
