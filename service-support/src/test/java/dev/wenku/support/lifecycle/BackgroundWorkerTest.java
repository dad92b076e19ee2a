package dev.wenku.support.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackgroundWorkerTest {

    @Test
    void theLoopRunsOnANamedDaemonThreadUntilStopEndsIt() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        AtomicReference<Thread> ran = new AtomicReference<>();
        CountDownLatch ended = new CountDownLatch(1);
        BackgroundWorker worker = new BackgroundWorker("test-worker") {
            @Override
            protected void work() {
                ran.set(Thread.currentThread());
                try {
                    while (true) {
                        rounds.incrementAndGet();
                        Thread.sleep(10);
                    }
                } catch (InterruptedException e) {
                    ended.countDown();
                }
            }
        };
        assertThat(worker.isRunning()).isFalse();

        worker.start();
        assertThat(worker.isRunning()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() >= 3);
        assertThat(ran.get().getName()).isEqualTo("test-worker");
        assertThat(ran.get().isDaemon()).isTrue();

        worker.stop();
        assertThat(worker.isRunning()).isFalse();
        assertThat(ended.getCount()).as("stop returned once the loop had ended").isZero();
        assertThat(ran.get().isAlive()).isFalse();
    }
}
