package dev.wenku.infrastructure.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServerArgumentsTest {

    @Test
    void readsPortsAndDirectoriesByName() {
        ServerArguments args = new ServerArguments(new String[] {"port=9092", "data=/tmp/x"});
        assertEquals(9092, args.port("port"));
        assertTrue(args.directory("data").isAbsolute());
    }

    @Test
    void anOptionalArgumentIsEmptyWhenAbsentOrBlank() {
        ServerArguments args = new ServerArguments(new String[] {"cache=/var/cache/x", "blank="});
        assertEquals("/var/cache/x", args.optional("cache").orElseThrow());
        assertFalse(args.optional("blank").isPresent());
        assertFalse(args.optional("absent").isPresent());
    }

    @Test
    void aMissingOrMalformedArgumentIsNamedInTheError() {
        ServerArguments args = new ServerArguments(new String[] {"port=abc"});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> args.port("port")).getMessage().contains("port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> args.text("data")).getMessage().contains("data"));
        assertThrows(IllegalArgumentException.class, () -> new ServerArguments(new String[] {"oops"}));
    }
}
