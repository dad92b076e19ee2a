package dev.wenku.infrastructure.launcher;

/** A started server: the address clients use and the process behind it. */
public record RunningServer(String address, ChildProcess process) implements AutoCloseable {

    @Override
    public void close() {
        process.close();
    }
}
