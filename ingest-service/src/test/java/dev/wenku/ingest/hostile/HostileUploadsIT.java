package dev.wenku.ingest.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wenku.ingest.support.IngestClient;
import dev.wenku.ingest.support.IngestClient.Answer;
import dev.wenku.ingest.support.IngestServiceTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Issue 8, "hostile input": over 10,000 malformed uploads over real HTTP to a running ingest-service with real Kafka,
 * with the product's default limits. Every one must get a 4xx with an {@code error} code naming the problem and a
 * message; none a 2xx, a 5xx or no answer; the service (and its extraction workers) must survive with bounded memory
 * and lose nothing it accepted before. The seed is printed and can be set with {@code -Dwenku.hostile.seed=…}.
 */
@Tag("security")
@IngestServiceTest
class HostileUploadsIT {

    private static final long SEED = Long.getLong("wenku.hostile.seed", 20_261_127L);
    private static final int CHEAP_LANES = 3;
    /** Heap the service may keep (after a collection) at any point of the run; it idles at about 100 MB. */
    private static final long RETAINED_HEAP_BOUND_MB = 384;
    /** Heap still retained after the run, beyond what was retained before it. */
    private static final long RETAINED_GROWTH_BOUND_MB = 48;
    private static final Duration RUN_BOUND = Duration.ofMinutes(3);

    @Value("${local.server.port}")
    int port;

    @Autowired
    IngestClient client;

    private record Family(String name, int count, boolean expensive, BiConsumer<Random, Consumer<HostileCase>> generator) {
    }

    private record Planned(int index, Family family) {
    }

    @Test
    void everyMalformedUploadGetsA4xxNamingTheProblemAndTheServiceKeepsWhatItAccepted() throws Exception {
        Answer before = client.postJson(validJson("before"));
        assertEquals(202, before.status(), before.raw());
        String beforeId = before.text("id");

        int workersBefore = ExtractionWorkers.running().size();
        long retainedBefore = HeapWatch.retainedMb();
        List<Planned> plan = plan(new FileCases(FileUploadFixtures.bytes("essay.pdf"), FileUploadFixtures.bytes("essay.docx")));
        Answers answers = new Answers();
        long started = System.nanoTime();
        HeapWatch heap = new HeapWatch(Duration.ofMillis(20));
        try (HeapWatch watching = heap) {
            run(plan, answers);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long retainedAfter = HeapWatch.retainedMb();

        String summary = "Hostile uploads: seed " + SEED + ", " + answers.cases() + " cases in " + took.toMillis() / 1000.0
            + " s; statuses " + answers.statuses() + "; heap peak " + heap.peakUsedMb() + " MB used, "
            + heap.peakAfterCollectionMb() + " MB after a collection, retained " + retainedBefore + " → " + retainedAfter
            + " MB (max " + HeapWatch.maxHeapMb() + " MB); families " + answers.families();
        System.out.println(summary);

        if (answers.failed() > 0) {
            answers.allFailures().forEach(System.out::println);
            fail(answers.failed() + " of " + answers.cases() + " hostile uploads were answered wrongly, by family "
                + answers.failuresPerFamily() + " (seed " + SEED
                + ", rerun with -Dwenku.hostile.seed=" + SEED + "); the first ones:\n"
                + String.join("\n", Answers.numbered(answers.firstFailures(20))) + "\n" + summary);
        }
        assertTrue(answers.cases() >= 10_000, summary);
        assertTrue(heap.peakAfterCollectionMb() < RETAINED_HEAP_BOUND_MB, "heap retained during the run: " + summary);
        assertTrue(retainedAfter - retainedBefore < RETAINED_GROWTH_BOUND_MB, "heap retained after the run: " + summary);
        assertTrue(took.compareTo(RUN_BOUND) < 0, "too slow: " + summary);

        serviceStillWorks(client, beforeId);
        ExtractionWorkers.assertNoMoreThan(workersBefore, Duration.ofSeconds(10));
    }

    private static void serviceStillWorks(IngestClient client, String beforeId) throws Exception {
        Answer after = client.postJson(validJson("after"));
        assertEquals(202, after.status(), "a valid upload after the hostile run: " + after.raw());
        Answer docx = client.postFile("after.docx", FileUploadFixtures.docxWith("之后 " + UUID.randomUUID()), "split=false");
        assertEquals(202, docx.status(), "a valid .docx after the hostile run (extraction workers alive): " + docx.raw());
        for (String id : List.of(beforeId, after.text("id"), docx.text("id"))) {
            Answer record = client.get(id);
            assertEquals(200, record.status(), record.raw());
            assertTrue(List.of("RECEIVED", "ANALYZED", "INDEXED").contains(record.text("status")), record.raw());
        }
        Answer list = client.list("size=200");
        assertTrue(list.raw().contains(beforeId), "the document accepted before the run is still listed");
    }

    private static String validJson(String when) {
        return "{\"title\":\"" + when + " " + UUID.randomUUID() + "\",\"body\":\"加快发展数字经济，促进数字经济和实体经济深度融合。\"}";
    }

    private static List<Planned> plan(FileCases files) {
        List<Family> families = List.of(
            new Family("json.truncated", 1500, false, JsonCases::truncated),
            new Family("json.wrongTypes", 1000, false, JsonCases::wrongTypes),
            new Family("json.missingFields", 800, false, JsonCases::missingFields),
            new Family("json.deepNesting", 300, false, JsonCases::deepNesting),
            new Family("json.invalidSyntax", 1200, false, JsonCases::invalidSyntax),
            new Family("json.hugeLine", 24, false, JsonCases::hugeLine),
            new Family("text.randomBytes", 1500, false, TextCases::randomBytes),
            new Family("text.wrongEncoding", 800, false, TextCases::wrongEncoding),
            new Family("text.mixedEncodings", 800, false, TextCases::mixedEncodings),
            new Family("text.textless", 400, false, TextCases::textless),
            new Family("empty", 300, false, TextCases::empty),
            new Family("text.hugeLine", 24, false, TextCases::hugeLine),
            new Family("text.hugeChunked", 4, false, TextCases::hugeChunked),
            new Family("file.unsupportedType", 600, false, FileCases::unsupportedType),
            new Family("request.wrongContentType", 300, false, RequestShapeCases::wrongContentType),
            new Family("request.malformedMultipart", 250, false, RequestShapeCases::malformedMultipart),
            new Family("batch", 150, false, RequestShapeCases::batch),
            new Family("file.randomDocument", 80, true, files::randomDocument),
            new Family("file.randomHtml", 40, true, files::randomHtml),
            new Family("file.truncatedPdf", 60, true, files::truncatedPdf),
            new Family("file.zipBombDocx", 9, true, files::zipBombDocx),
            new Family("file.hugeDocx", 2, true, files::hugeDocx),
            new Family("file.deepHtml", 20, true, FileCases::deepHtml));
        List<Planned> plan = new ArrayList<>();
        for (Family family : families) {
            for (int i = 0; i < family.count(); i++) {
                plan.add(new Planned(plan.size(), family));
            }
        }
        Collections.shuffle(plan, new Random(SEED));
        return plan;
    }

    /** Tika cases one at a time on their own lane (one worker JVM parses them), the cheap ones on three more. */
    private void run(List<Planned> plan, Answers answers) throws InterruptedException {
        URI base = URI.create("http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
        List<Planned> expensive = plan.stream().filter(p -> p.family().expensive()).toList();
        List<Planned> cheap = plan.stream().filter(p -> !p.family().expensive()).toList();
        AtomicInteger next = new AtomicInteger();
        ExecutorService lanes = Executors.newFixedThreadPool(CHEAP_LANES + 1);
        lanes.submit(() -> expensive.forEach(p -> send(http, base, p, answers)));
        for (int lane = 0; lane < CHEAP_LANES; lane++) {
            lanes.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < cheap.size(); ) {
                    send(http, base, cheap.get(i), answers);
                }
            });
        }
        lanes.shutdown();
        if (!lanes.awaitTermination(RUN_BOUND.toSeconds() * 2, TimeUnit.SECONDS)) {
            lanes.shutdownNow();
            fail("the hostile run did not finish within " + RUN_BOUND.multipliedBy(2));
        }
        http.close();
    }

    private static void send(HttpClient http, URI base, Planned planned, Answers answers) {
        List<HostileCase> generated = new ArrayList<>(1);
        planned.family().generator().accept(new Random(SEED * 1_000_003L + planned.index()), generated::add);
        HostileCase hostile = generated.getFirst();
        try {
            HttpResponse<String> response = http.send(hostile.request().apply(base), HttpResponse.BodyHandlers.ofString());
            answers.record(planned.index(), hostile, response);
        } catch (Exception e) {
            answers.recordNoAnswer(planned.index(), hostile, e);
        }
    }
}
