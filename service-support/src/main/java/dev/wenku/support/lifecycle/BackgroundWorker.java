package dev.wenku.support.lifecycle;

import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * A loop on a daemon thread of its own for as long as the application runs (a re-analysis or a re-embedding worker):
 * started with the application context, stopped by interrupting the thread and waiting for it, at most
 * {@value #STOP_SECONDS} seconds, so a batch in hand can end before the context closes what it uses.
 * {@link #work} returns when the thread is interrupted.
 */
public abstract class BackgroundWorker implements SmartLifecycle {

    static final int STOP_SECONDS = 10;

    private final String name;
    private volatile Thread thread;

    protected BackgroundWorker(String name) {
        this.name = name;
    }

    /** The loop: runs until the thread is interrupted. */
    protected abstract void work();

    @Override
    public synchronized void start() {
        thread = Thread.ofPlatform().daemon().name(name).start(this::work);
    }

    @Override
    public synchronized void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(STOP_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
