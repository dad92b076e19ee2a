package dev.wenku.infrastructure.process;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@code name=value} command-line arguments of a server JVM, with a clear error for a missing one. */
public final class ServerArguments {

    private final Map<String, String> values = new HashMap<>();

    public ServerArguments(String[] args) {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Expected name=value but got '" + arg + "'");
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
    }

    public String text(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing required argument " + name + "=...");
        }
        return value;
    }

    /** An argument the server has a default for: empty when absent or blank. */
    public Optional<String> optional(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public int port(String name) {
        String value = text(name);
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number 0-65535, got '" + value + "'");
        }
    }

    public Path directory(String name) {
        return Path.of(text(name)).toAbsolutePath();
    }
}
