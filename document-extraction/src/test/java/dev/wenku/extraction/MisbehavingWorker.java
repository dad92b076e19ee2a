package dev.wenku.extraction;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A worker main class for tests: the real worker, except for files named {@code hang.*} (never answers),
 * {@code crash.*} (dies at once) and {@code oom.*} (fills its heap).
 */
public final class MisbehavingWorker {

    private MisbehavingWorker() {
    }

    public static void main(String[] args) {
        ExtractionWorker.run(args, real -> request -> {
            String name = request.fileName();
            if (name.startsWith("hang.")) {
                System.err.println("hanging on " + name);
                while (true) LockSupport.park();
            }
            if (name.startsWith("crash.")) Runtime.getRuntime().halt(70);
            if (name.startsWith("oom.")) exhaustHeap();
            return real.handle(request);
        });
    }

    private static void exhaustHeap() {
        List<long[]> hog = new ArrayList<>();
        while (true) hog.add(new long[1 << 20]);
    }
}
