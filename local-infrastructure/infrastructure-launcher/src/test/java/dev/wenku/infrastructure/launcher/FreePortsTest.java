package dev.wenku.infrastructure.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    /** Kafka's client and controller ports, chosen one after the other, were once the same port: never twice now. */
    @Test
    void noPortIsHandedOutTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            ports.add(FreePorts.next());
        }
        assertEquals(300, ports.size());
    }
}
