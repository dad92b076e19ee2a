package dev.wenku.infrastructure.process;

import java.util.Optional;

/**
 * The line a server JVM prints on standard output once it accepts connections, e.g.
 * {@code WENKU-READY kafka 127.0.0.1:9092}. The launcher waits for it instead of guessing from log text.
 */
public record ReadyLine(String server, String address) {

    private static final String PREFIX = "WENKU-READY ";

    public String format() {
        return PREFIX + server + " " + address;
    }

    public static Optional<ReadyLine> parse(String line) {
        if (line == null || !line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = line.substring(PREFIX.length()).trim().split(" ", 2);
        return parts.length == 2 ? Optional.of(new ReadyLine(parts[0], parts[1])) : Optional.empty();
    }

    /** Prints the line and flushes, so the launcher sees it even when stdout is a pipe. */
    public void announce() {
        System.out.println(format());
        System.out.flush();
    }
}
