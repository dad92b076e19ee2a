package dev.wenku.benchmarks;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends requests at a fixed arrival rate, open loop: each leaves on schedule whether or not earlier ones have
 * answered, so a slow answer cannot hide the queue behind it (a closed loop would send fewer requests exactly when
 * the server is slow). HTTP/1.1, as browsers speak to a plain-http server. Load goes to loopback only.
 */
final class OpenLoop {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** One answered request: which of the given requests it was, and its latency. */
    record Sample(int request, long nanos) {
    }

    /** What one run measured; requests not answered 200 within {@link #TIMEOUT} are errors. */
    record Run(List<Sample> samples, int errors) {

        List<Long> nanos() {
            return samples.stream().map(Sample::nanos).toList();
        }
    }

    private OpenLoop() {
    }

    /** Sends {@code rate × seconds} requests on schedule, cycling through {@code requests}. */
    static Run run(List<HttpRequest> requests, int rate, int seconds) throws InterruptedException {
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        int total = rate * seconds;
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
        schedule.scheduleAtFixedRate(() -> {
            int n = sent.getAndIncrement();
            if (n >= total) {
                return;
            }
            int index = n % requests.size();
            long start = System.nanoTime();
            HTTP.sendAsync(requests.get(index), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> {
                    if (failure != null || response.statusCode() != 200) {
                        errors.incrementAndGet();
                    } else {
                        samples.add(new Sample(index, System.nanoTime() - start));
                    }
                });
        }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
        Thread.sleep(seconds * 1000L + 200);
        schedule.shutdownNow();
        long end = System.nanoTime() + TIMEOUT.plusSeconds(1).toNanos();
        while (samples.size() + errors.get() < Math.min(sent.get(), total) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        int unanswered = Math.max(0, Math.min(sent.get(), total) - samples.size() - errors.get());
        return new Run(new ArrayList<>(samples), errors.get() + unanswered);
    }

    /** Sends each request once per round, one after another (warm-up); fails on any answer but 200. */
    static void backToBack(List<HttpRequest> requests, int count) throws InterruptedException {
        for (int n = 0; n < count; n++) {
            HttpRequest request = requests.get(n % requests.size());
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(request.uri() + " failed", e);
            }
        }
    }
}
