package dev.wenku.benchmarks;

import dev.wenku.benchmarks.PoetryCorpus.Poem;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What readers ask of a large index, through the gateway, open loop ({@link OpenLoop}): searches (highlights and
 * facets, as {@code /api/search} always gives them), title suggestions while typing ({@code /api/search/suggest}) and
 * related documents ({@code /api/documents/{id}/related}). Everything is drawn from the imported poems with a fixed
 * seed, so runs ask the same: searches for two to four characters of a line (most) or a whole title, suggestions for
 * the first one to three characters of a title, related documents of poems the searches found.
 */
final class CorpusReads {

    static final int SEARCH_RATE = 50;
    static final int SEARCH_SECONDS = 30;
    static final int LOOKUP_RATE = 20;
    static final int LOOKUP_SECONDS = 20;
    private static final int QUERIES = 200;
    /** The draws' seed: every run, and every mode of the semantic benchmark, asks the same. */
    private static final long SEED = 20_251_201L;
    /** The seeds of the draws of queries never searched before ({@link #newQueriesLatency}), by draw. */
    private static final long[] NEW_QUERIES_SEEDS = {20_261_204L, 20_261_207L, 20_261_211L};
    private static final int TITLE_QUERY_EVERY = 5;
    private static final int SEARCHES_FOR_IDS = 50;
    /** Back-to-back requests of each kind first: the index's caches and the services' new code paths warm up. */
    private static final int WARM_UP_REQUESTS = 300;
    private static final Pattern HAN_RUN = Pattern.compile("\\p{IsHan}{2,}");
    private static final Pattern HAN_TITLE = Pattern.compile("\\p{IsHan}{2,20}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Latencies of each kind of read, and how many documents the related requests were asked about. */
    record Result(LatencyStats search, LatencyStats suggest, LatencyStats related, int relatedDocuments) {
    }

    private CorpusReads() {
    }

    static Result measure(String gateway, List<Poem> poems) throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        List<HttpRequest> searches = requests(gateway, "/api/search?q=", queries(poems, random));
        List<HttpRequest> suggestions = requests(gateway, "/api/search/suggest?q=", prefixes(poems, random));
        List<String> ids = foundIds(searches.subList(0, Math.min(SEARCHES_FOR_IDS, searches.size())));
        List<HttpRequest> related = ids.stream().map(id -> HttpRequest.newBuilder(URI.create(gateway
            + "/api/documents/" + id + "/related")).timeout(OpenLoop.TIMEOUT).GET().build()).toList();
        OpenLoop.backToBack(searches, WARM_UP_REQUESTS);
        OpenLoop.backToBack(suggestions, WARM_UP_REQUESTS);
        OpenLoop.backToBack(related, WARM_UP_REQUESTS);
        return new Result(run(searches, SEARCH_RATE, SEARCH_SECONDS), run(suggestions, LOOKUP_RATE, LOOKUP_SECONDS),
            run(related, LOOKUP_RATE, LOOKUP_SECONDS), ids.size());
    }

    /**
     * Search latency in {@code mode} ({@code &mode=}): the same queries as {@link #measure}, warmed up back to back,
     * then {@value #SEARCH_RATE}/s for {@value #SEARCH_SECONDS} s.
     */
    static LatencyStats searchLatency(String gateway, List<Poem> poems, String mode) throws Exception {
        List<HttpRequest> searches = requests(gateway, "/api/search?mode=" + mode + "&q=",
            queries(poems, new SplittableRandom(SEED)));
        OpenLoop.backToBack(searches, WARM_UP_REQUESTS);
        return run(searches, SEARCH_RATE, SEARCH_SECONDS);
    }

    /**
     * Search latency in {@code mode} for queries no earlier run asked: {@value #SEARCH_RATE}/s for
     * {@value #SEARCH_SECONDS} s, each query a different one drawn as {@link #measure}'s are, with the seed of
     * {@code draw} (0 to 2), none of which {@link #measure} or an earlier draw asks, without a warm-up of their own, so
     * no cache of a query's results holds them. Runs of one draw in several modes ask the same queries (lexical first,
     * so that a later mode finds the index's pages as warm as it did); but a run searching by meaning leaves the
     * queries' vectors and nearest documents in search-service's caches, so each such run needs a draw of its own.
     */
    static LatencyStats newQueriesLatency(String gateway, List<Poem> poems, String mode, int draw) throws Exception {
        return run(requests(gateway, "/api/search?mode=" + mode + "&q=", newQueries(poems, draw)), SEARCH_RATE,
            SEARCH_SECONDS);
    }

    /**
     * {@link #measure}'s queries in {@code mode}, back to back: before a run that is a platform's first searches in
     * that mode.
     */
    static void warmUp(String gateway, List<Poem> poems, String mode) throws Exception {
        OpenLoop.backToBack(requests(gateway, "/api/search?mode=" + mode + "&q=",
            queries(poems, new SplittableRandom(SEED))), WARM_UP_REQUESTS);
    }

    /** The queries of new-query draw {@code draw}: none of {@link #measure}'s or of an earlier draw's. */
    static List<String> newQueries(List<Poem> poems, int draw) {
        List<String> queries = new ArrayList<>(new LinkedHashSet<>(queries(poems,
            new SplittableRandom(NEW_QUERIES_SEEDS[draw]), 3 * SEARCH_RATE * SEARCH_SECONDS)));
        queries.removeAll(queries(poems, new SplittableRandom(SEED)));
        for (int earlier = 0; earlier < draw; earlier++) {
            queries.removeAll(newQueries(poems, earlier));
        }
        return queries.subList(0, Math.min(queries.size(), SEARCH_RATE * SEARCH_SECONDS));
    }

    static void print(Result result) {
        System.out.printf("%nReads of the imported corpus through the gateway, open loop (milliseconds):%n");
        LatencyStats.printHeader("", 40);
        result.search().print(String.format("search, %d/s for %d s", SEARCH_RATE, SEARCH_SECONDS), 40);
        result.suggest().print(String.format("suggestions, %d/s for %d s", LOOKUP_RATE, LOOKUP_SECONDS), 40);
        result.related().print(String.format("related (%d documents), %d/s for %d s", result.relatedDocuments(),
            LOOKUP_RATE, LOOKUP_SECONDS), 40);
    }

    private static LatencyStats run(List<HttpRequest> requests, int rate, int seconds) throws InterruptedException {
        OpenLoop.Run run = OpenLoop.run(requests, rate, seconds);
        return LatencyStats.of(rate * seconds, run.errors(), run.nanos());
    }

    /** Two to four characters of a random line of a random poem; every {@value #TITLE_QUERY_EVERY}th a title. */
    private static List<String> queries(List<Poem> poems, SplittableRandom random) {
        return queries(poems, random, QUERIES);
    }

    private static List<String> queries(List<Poem> poems, SplittableRandom random, int count) {
        List<String> queries = new ArrayList<>();
        while (queries.size() < count) {
            Poem poem = poems.get(random.nextInt(poems.size()));
            if (queries.size() % TITLE_QUERY_EVERY == 0) {
                if (HAN_TITLE.matcher(poem.title()).matches()) {
                    queries.add(poem.title());
                }
                continue;
            }
            List<String> runs = hanRuns(poem.body());
            if (!runs.isEmpty()) {
                String run = runs.get(random.nextInt(runs.size()));
                int length = 2 + random.nextInt(Math.min(4, run.length()) - 1);
                int from = random.nextInt(run.length() - length + 1);
                queries.add(run.substring(from, from + length));
            }
        }
        return queries;
    }

    /** The first one to three characters of random titles, as a reader types them. */
    private static List<String> prefixes(List<Poem> poems, SplittableRandom random) {
        List<String> prefixes = new ArrayList<>();
        while (prefixes.size() < QUERIES) {
            String title = poems.get(random.nextInt(poems.size())).title();
            if (HAN_TITLE.matcher(title).matches()) {
                prefixes.add(title.substring(0, Math.min(title.length(), 1 + random.nextInt(3))));
            }
        }
        return prefixes;
    }

    private static List<String> hanRuns(String text) {
        List<String> runs = new ArrayList<>();
        Matcher run = HAN_RUN.matcher(text);
        while (run.find()) {
            runs.add(run.group());
        }
        return runs;
    }

    /** The ids of the documents {@code searches} find. */
    private static List<String> foundIds(List<HttpRequest> searches) throws IOException, InterruptedException {
        Set<String> ids = new LinkedHashSet<>();
        for (HttpRequest search : searches) {
            HttpResponse<String> response = OpenLoop.HTTP.send(search, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(search.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
            }
            for (JsonNode hit : JSON.readTree(response.body()).path("hits")) {
                ids.add(hit.path("id").asString());
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("No search found any imported poem");
        }
        return List.copyOf(ids);
    }

    private static List<HttpRequest> requests(String gateway, String path, List<String> texts) {
        return texts.stream().map(text -> HttpRequest.newBuilder(URI.create(gateway + path
            + URLEncoder.encode(text, StandardCharsets.UTF_8))).timeout(OpenLoop.TIMEOUT).GET().build()).toList();
    }
}
