package dev.wenku.benchmarks;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches when uploaded documents become searchable through the gateway, with one search every
 * {@value #INTERVAL_MILLIS} ms rather than one per document: the documents titled {@code "… <marker> <n>"}, newest
 * upload first, paging on only while the result's total says some visible ones were not on the pages read yet.
 * A document counts as searchable at the moment the first search that returns it was sent.
 */
final class VisibilityPoller implements AutoCloseable {

    static final int INTERVAL_MILLIS = 100;
    private static final int PAGE_SIZE = 20;
    private static final int MAX_PAGES = 50;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String searchUrl;
    private final Pattern title;
    private final AtomicLongArray seenAtNanos;
    private final AtomicInteger seen = new AtomicInteger();
    private final AtomicInteger searches = new AtomicInteger();
    private final AtomicInteger failedSearches = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    /** Starts watching for documents 0 to {@code count} − 1 whose titles end with {@code marker} and their number. */
    VisibilityPoller(String gatewayUrl, String marker, int count) {
        this.searchUrl = gatewayUrl + "/api/search?sort=date&size=" + PAGE_SIZE + "&q="
            + URLEncoder.encode(marker, StandardCharsets.UTF_8);
        this.title = Pattern.compile(Pattern.quote(marker) + " (\\d+)$");
        this.seenAtNanos = new AtomicLongArray(count);
        this.thread = new Thread(this::pollUntilClosed, "visibility-poller");
        thread.setDaemon(true);
        thread.start();
    }

    /** When document {@code n} was first found ({@link System#nanoTime()}), or 0 if it has not been. */
    long seenAtNanos(int n) {
        return seenAtNanos.get(n);
    }

    int searches() {
        return searches.get();
    }

    int failedSearches() {
        return failedSearches.get();
    }

    private void pollUntilClosed() {
        while (running) {
            long started = System.nanoTime();
            poll(started);
            long pause = INTERVAL_MILLIS - (System.nanoTime() - started) / 1_000_000;
            if (pause > 0) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void poll(long sentAtNanos) {
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode result = search(page * PAGE_SIZE);
            if (result == null) {
                return;
            }
            JsonNode hits = result.path("hits");
            for (JsonNode hit : hits) {
                Matcher number = title.matcher(hit.path("title").asString());
                if (number.find() && firstSeen(Integer.parseInt(number.group(1)), sentAtNanos)) {
                    seen.incrementAndGet();
                }
            }
            if (seen.get() >= result.path("total").asLong() || hits.size() < PAGE_SIZE) {
                return;
            }
        }
    }

    private boolean firstSeen(int n, long atNanos) {
        return n < seenAtNanos.length() && seenAtNanos.compareAndSet(n, 0, atNanos);
    }

    private JsonNode search(int from) {
        searches.incrementAndGet();
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(searchUrl + "&from=" + from))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
        } catch (java.io.IOException e) {
            // Counted below; the next poll tries again.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return null;
        }
        failedSearches.incrementAndGet();
        return null;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
