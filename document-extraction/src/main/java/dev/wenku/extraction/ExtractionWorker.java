package dev.wenku.extraction;

import dev.wenku.extraction.FrameProtocol.Request;
import dev.wenku.extraction.FrameProtocol.Response;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Main class of a worker JVM, started by {@link WorkerPool}: answers extraction requests read from stdin
 * on stdout (see {@link FrameProtocol}) until stdin ends. Arguments: max text chars, max input bytes.
 */
public final class ExtractionWorker {

    /** Turns one request into one response; never throws for a bad document. */
    interface RequestHandler {
        Response handle(Request request);
    }

    private ExtractionWorker() {
    }

    public static void main(String[] args) {
        run(args, UnaryOperator.identity());
    }

    /** {@code decorator} lets tests put misbehaviour (hangs, crashes) in front of the real handler. */
    static void run(String[] args, UnaryOperator<RequestHandler> decorator) {
        // stdout carries the frames: anything a library prints must go elsewhere.
        DataOutputStream toService = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(System.err);
        exitWhenParentDies();
        int maxTextChars = Integer.parseInt(args[0]);
        long maxInputBytes = Long.parseLong(args[1]);
        int status = 0;
        try {
            RequestHandler handler = decorator.apply(new TikaTextExtractor(maxTextChars));
            serve(new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16)),
                    toService, maxInputBytes, handler);
        } catch (IOException | RuntimeException e) {
            System.err.println("extraction worker stops: " + e);
            status = 1;
        }
        exit(status);
    }

    /** Halts (some parsers leave non-daemon threads behind) after deleting this worker's temporary files. */
    private static void exit(int status) {
        Path temporaryDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        if (temporaryDirectory.getFileName().toString().startsWith(WorkerProcess.TEMPORARY_DIRECTORY_PREFIX)) {
            WorkerProcess.deleteRecursively(temporaryDirectory);
        }
        Runtime.getRuntime().halt(status);
    }

    static void serve(DataInputStream in, DataOutputStream out, long maxInputBytes, RequestHandler handler) throws IOException {
        FrameProtocol.writeReady(out);
        for (Request request; (request = FrameProtocol.readRequest(in, maxInputBytes)) != null; ) {
            FrameProtocol.writeResponse(out, handler.handle(request));
        }
    }

    /**
     * A worker busy in a parse does not notice its stdin closing, so a watchdog checks that the service
     * JVM is still its parent (an orphan is re-parented to init or a subreaper).
     */
    private static void exitWhenParentDies() {
        long parentPid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        Thread.ofPlatform().daemon().name("parent-watchdog").start(() -> {
            while (true) {
                boolean parentAlive = ProcessHandle.current().parent()
                        .filter(parent -> parent.pid() == parentPid && parent.isAlive())
                        .isPresent();
                if (!parentAlive) exit(2);
                try {
                    Thread.sleep(Duration.ofMillis(500));
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }
}
