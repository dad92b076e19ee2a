package dev.wenku.benchmarks;

import dev.wenku.benchmarks.PoetryCorpus.Poem;
import dev.wenku.infrastructure.launcher.ImportCommand;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One bulk import of poems through the gateway, as {@code ./wenku import} sends a file: {@code POST /api/imports}
 * of NDJSON as an editor, then {@code GET /api/imports/{id}} every {@value #POLL_MILLIS} ms until every document the
 * import stored is searchable (its {@code indexed} count reaches {@code created + updated}).
 *
 * <p>The NDJSON is written to a file before the clock starts, so reading the corpus's tarball is not in the figure;
 * it is sent chunked (no declared length), as the importer sends a folder, so the gateway's declared-size limit on
 * uploads does not apply to the whole corpus and ingest-service's own import limit does.
 */
final class PoemImport {

    private static final int POLL_MILLIS = 500;
    private static final long REPORT_NANOS = Duration.ofSeconds(15).toNanos();
    /**
     * The import not moving at all (lines read, analysed, searchable) for this long ends the wait: something is lost,
     * and the outcome says how much is not searchable rather than the benchmark hanging.
     */
    private static final long STALL_NANOS = Duration.ofMinutes(3).toNanos();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The import's counts at the end ({@code ImportView}'s fields) and, in seconds from sending the POST, when it was
     * accepted (body spooled), read (every line stored) and searchable.
     */
    record Outcome(String id, String state, long lines, long created, long updated, long unchanged, long rejected,
                   long indexed, double acceptedSeconds, double readSeconds, double searchableSeconds) {

        long stored() {
            return created + updated;
        }

        boolean allSearchable() {
            return "DONE".equals(state) && indexed >= stored();
        }

        /** Documents stored and searchable per second, end to end. */
        double perSecond() {
            return indexed / searchableSeconds;
        }
    }

    private PoemImport() {
    }

    /** The poems as a temporary NDJSON file of uploads ({@link #writeNdjson(List, Path)}). */
    static Path writeNdjson(List<Poem> poems) throws IOException {
        return writeNdjson(poems, Files.createTempFile("wenku-import-bench-", ".ndjson"));
    }

    /** The poems as an NDJSON file of uploads: title, poem, poet as author, collection file as source, dynasty tag. */
    static Path writeNdjson(List<Poem> poems, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Poem poem : poems) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("title", poem.title());
                line.put("body", poem.body());
                line.put("author", poem.author());
                line.put("source", poem.file());
                line.put("tags", List.of(tag(poem)));
                out.write(JSON.writeValueAsString(line));
                out.write('\n');
            }
        }
        return file;
    }

    /** 唐詩 or 宋詩, as {@link RegistryFill} tags the poems. */
    static String tag(Poem poem) {
        return poem.dynasty() + "詩";
    }

    /** Sends {@code ndjson} as one import and follows it until searchable, printing its progress to {@code out}. */
    static Outcome run(String gateway, String authorization, Path ndjson, PrintStream out) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create(gateway
                + "/api/imports?name=bench-poems"))
            .header("Authorization", authorization).header("Content-Type", "application/x-ndjson")
            .timeout(Duration.ofMinutes(30))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> open(ndjson))).build(),
            HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("POST /api/imports answered " + started.statusCode() + ": "
                + started.body());
        }
        double accepted = secondsSince(start);
        String id = JSON.readTree(started.body()).path("id").asString();
        out.printf("Import %s accepted after %.1f s (%,d bytes spooled)%n", id, accepted, Files.size(ndjson));
        return follow(gateway, authorization, id, start, accepted, out);
    }

    private static Outcome follow(String gateway, String authorization, String id, long start, double accepted,
                                  PrintStream out) throws Exception {
        double read = 0;
        String lastMovement = "";
        long lastMovedAt = System.nanoTime();
        long lastReport = System.nanoTime();
        while (true) {
            JsonNode progress = poll(gateway, authorization, id);
            String state = progress.path("state").asString();
            if (read == 0 && !"RUNNING".equals(state)) {
                read = secondsSince(start);
                out.printf("  every line read after %.1f s: %s%n", read, describe(progress));
            }
            Outcome outcome = outcome(progress, accepted, read, secondsSince(start));
            if ("FAILED".equals(state) || outcome.allSearchable()) {
                return outcome;
            }
            String movement = lines(progress) + "/" + progress.path("analyzed").asLong() + "/"
                + outcome.indexed();
            if (!movement.equals(lastMovement)) {
                lastMovement = movement;
                lastMovedAt = System.nanoTime();
            } else if (System.nanoTime() - lastMovedAt > STALL_NANOS) {
                out.printf("  nothing moved for %d s: %,d of %,d stored documents never became searchable%n",
                    STALL_NANOS / 1_000_000_000, outcome.stored() - outcome.indexed(), outcome.stored());
                return outcome;
            }
            if (System.nanoTime() - lastReport > REPORT_NANOS) {
                lastReport = System.nanoTime();
                out.printf("  %4.0f s: %s%n", secondsSince(start), describe(progress));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static Outcome outcome(JsonNode progress, double accepted, double read, double now) {
        return new Outcome(progress.path("id").asString(), progress.path("state").asString(),
            lines(progress), progress.path("created").asLong(), progress.path("updated").asLong(),
            progress.path("unchanged").asLong(), progress.path("rejected").asLong(), progress.path("indexed").asLong(),
            accepted, read, now);
    }

    private static String describe(JsonNode progress) {
        return String.format("%s, %,d lines (%,.0f/s), %,d created, %,d unchanged, %,d rejected, %,d analysed,"
                + " %,d searchable", progress.path("state").asString(), lines(progress),
            progress.path("perSecond").asDouble(), progress.path("created").asLong(),
            progress.path("unchanged").asLong(), progress.path("rejected").asLong(),
            progress.path("analyzed").asLong(), progress.path("indexed").asLong());
    }

    private static long lines(JsonNode progress) {
        return progress.path("read").asLong();
    }

    private static JsonNode poll(String gateway, String authorization, String id) throws Exception {
        return JSON.readTree(ImportCommand.progress(gateway, authorization, id));
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
