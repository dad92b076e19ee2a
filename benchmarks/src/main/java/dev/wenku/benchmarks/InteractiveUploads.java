package dev.wenku.benchmarks;

import dev.wenku.benchmarks.FreshnessBenchmark.Observation;
import dev.wenku.benchmarks.FreshnessBenchmark.RateResult;
import dev.wenku.benchmarks.PoetryCorpus.Poem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import tools.jackson.databind.json.JsonMapper;

/**
 * An editor at work while a bulk import runs: one small document of its own uploaded through the gateway every
 * second ({@code POST /api/documents}, open loop), each timed until a search through the gateway finds it
 * ({@link VisibilityPoller}), with the figures of {@link FreshnessBenchmark}. Shows whether interactive uploads stay
 * fresh behind a backlog of hundreds of thousands of imported documents.
 */
final class InteractiveUploads implements AutoCloseable {

    static final int RATE = 1;
    /** Uploads at most (four hours at one a second): the poller's table of first sightings is this large. */
    private static final int CAPACITY = 4 * 3600;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String gateway;
    private final String authorization;
    private final List<Poem> poems;
    private final String marker = FreshnessBenchmark.marker();
    private final AtomicLongArray sentAt = new AtomicLongArray(CAPACITY);
    /** Written by the schedule's one thread only; read once it has ended. */
    private final List<CompletableFuture<Integer>> answers = new ArrayList<>();
    private final VisibilityPoller poller;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
    private final long startNanos = System.nanoTime();

    /** Starts uploading now, as {@code authorization}'s editor; each document is a poem of {@code poems}, marked. */
    InteractiveUploads(String gateway, String authorization, List<Poem> poems) {
        this.gateway = gateway;
        this.authorization = authorization;
        this.poems = poems;
        this.poller = new VisibilityPoller(gateway, marker, CAPACITY);
        schedule.scheduleAtFixedRate(this::uploadNext, 0, 1_000_000_000L / RATE, TimeUnit.NANOSECONDS);
    }

    private void uploadNext() {
        int n = answers.size();
        if (n < CAPACITY) {
            sentAt.set(n, System.nanoTime());
            answers.add(FreshnessBenchmark.upload(gateway, authorization, document(n)));
        }
    }

    /**
     * Stops uploading, waits until every accepted upload is searchable (at most
     * {@link FreshnessBenchmark#VISIBILITY_TIMEOUT}), and returns the figures; {@code cpu} describes the platform's
     * CPU meanwhile.
     */
    RateResult finish(String cpu) throws InterruptedException {
        int seconds = (int) Math.round((System.nanoTime() - startNanos) / 1e9);
        schedule.shutdown();
        schedule.awaitTermination(5, TimeUnit.SECONDS);
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();
        long deadline = System.nanoTime() + FreshnessBenchmark.VISIBILITY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && !FreshnessBenchmark.allSeen(poller, statuses)) {
            Thread.sleep(50);
        }
        printSlowest(statuses.size());
        Observation observation = new Observation((System.nanoTime() - startNanos) / 1e9, poller.searches(),
            poller.failedSearches(), cpu);
        return FreshnessBenchmark.result(RATE, seconds, sentAt, statuses, poller, observation);
    }

    /** The five slowest uploads and when they were sent: a tail at the start (warm-up) reads unlike one throughout. */
    private void printSlowest(int sent) {
        record Timed(int n, double sentSeconds, double seconds) {
        }
        List<Timed> timed = new ArrayList<>();
        for (int n = 0; n < sent; n++) {
            long seen = poller.seenAtNanos(n);
            if (seen > 0) {
                timed.add(new Timed(n, (sentAt.get(n) - startNanos) / 1e9, (seen - sentAt.get(n)) / 1e9));
            }
        }
        timed.sort(Comparator.comparingDouble(Timed::seconds).reversed());
        timed.stream().limit(5).forEach(t -> System.out.printf(Locale.ROOT,
            "  slow interactive upload %d, sent at %.0f s: searchable after %.2f s%n", t.n(), t.sentSeconds(),
            t.seconds()));
    }

    /** A poem (spread over the corpus) with a title and a last line of its own: a new document every time. */
    private String document(int n) {
        Poem poem = poems.get((int) ((long) n * 7919 % poems.size()));
        String title = poem.title().isBlank() ? "無題" : poem.title();
        return JSON.writeValueAsString(Map.of(
            "title", title + " " + marker + " " + n,
            "body", poem.body() + "\n" + marker + "n" + n,
            "source", "benchmark"));
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        poller.close();
    }
}
