package dev.wenku.benchmarks;

import dev.wenku.benchmarks.JudgedQueries.Query;
import dev.wenku.benchmarks.JudgedQueries.Text;
import dev.wenku.benchmarks.PoetryCorpus.Poem;
import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.GatewaySession;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relevance of search on the real corpus: each query of the judged set ({@link JudgedQueries},
 * {@code evaluation/poetry-queries.tsv}) is searched through the gateway as a reader types it, and its first ten hits
 * are judged by the query's rule (a hit's text read from the reading view when the rule needs it). Reports, per kind
 * of query and for the known-item kinds together, MRR@10 (the mean of 1/rank of the first relevant hit, 0 if none in
 * the ten) and nDCG@10 (binary gains; the ideal ranking puts every relevant poem of the imported corpus first).
 *
 * <p>Queries with no relevant poem in the imported slice are left out and counted, so a run on part of the corpus
 * ({@code --limit}) measures what it can and says so.
 */
public final class PoetryRelevance {

    static final double KNOWN_ITEM_MRR_TARGET = 0.9;
    static final double KIND_MRR_TARGET = 0.8;
    private static final int DEPTH = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One query's outcome: how many poems are relevant, the rank of the first relevant hit (0: none), nDCG@10. */
    record Judged(Query query, long relevant, int firstRelevantRank, double ndcg, List<String> topTitles) {

        double reciprocalRank() {
            return firstRelevantRank == 0 ? 0 : 1.0 / firstRelevantRank;
        }
    }

    /** Mean figures of a group of queries. */
    record Means(String group, int queries, double mrr, double ndcg) {
    }

    record Result(List<Judged> judged, int skipped, List<Means> byKind, Means knownItem) {

        boolean met() {
            return knownItem.mrr() >= KNOWN_ITEM_MRR_TARGET
                && byKind.stream().allMatch(m -> m.mrr() >= KIND_MRR_TARGET);
        }
    }

    private PoetryRelevance() {
    }

    public static void main(String[] args) throws Exception {
        int limit = PoetryCorpus.limitArgument(args, "./wenku bench judged [--limit=N]   (imports the first N poems,"
            + " default all " + PoetryCorpus.POEMS + ", then searches the judged set)");
        ProjectLayout layout = ProjectLayout.locate();
        List<Poem> poems = PoetryCorpus.first(limit);
        Path ndjson = PoemImport.writeNdjson(poems);
        Path data = Files.createTempDirectory("wenku-judged-");
        try (LocalPlatform platform = LocalPlatform.start(layout, data, LocalPlatform.Ports.ANY_FREE, null,
                FreshnessBenchmark.liftedBudgets())) {
            String authorization = GatewaySession.logIn(platform.gatewayUrl(), platform.accounts().editor());
            PoemImport.Outcome imported = PoemImport.run(platform.gatewayUrl(), authorization, ndjson, System.out);
            System.out.printf("%,d poems imported, %,d searchable%n", imported.stored(), imported.indexed());
            Result result = evaluate(layout, platform.gatewayUrl(), poems);
            print(result, true);
            System.out.printf("%n%s", addRows(new SuiteTable(), result, poems.size()).render());
        } finally {
            Directories.deleteRecursively(data);
            Files.deleteIfExists(ndjson);
        }
    }

    /**
     * Searches every judged query whose rule some imported poem satisfies, but the paraphrases and questions (which
     * {@link SemanticBenchmark} measures per mode), in the platform's default mode.
     */
    static Result evaluate(ProjectLayout layout, String gateway, List<Poem> poems) throws Exception {
        return evaluate(layout, gateway, poems, null, query -> !query.byMeaning());
    }

    /** Searches the judged queries {@code which} selects in {@code mode} ({@code lexical}, …; null: the default). */
    static Result evaluate(ProjectLayout layout, String gateway, List<Poem> poems, String mode,
                           Predicate<Query> which) throws Exception {
        return evaluate(layout.root().resolve("evaluation/poetry-queries.tsv"),
            poems.stream().map(p -> Text.of(p.title(), p.author(), p.body())).toList(), gateway, mode, which);
    }

    /**
     * Searches the queries of the judged set {@code file} that {@code which} selects, in {@code mode}, each judged
     * against {@code corpus}: the texts its rules are counted over (the poems imported, or the seed's essays).
     */
    static Result evaluate(Path file, List<Text> corpus, String gateway, String mode, Predicate<Query> which)
            throws Exception {
        List<Query> queries = JudgedQueries.load(file).stream().filter(which).toList();
        Map<String, Text> read = new HashMap<>();
        List<Judged> judged = new ArrayList<>();
        int skipped = 0;
        for (Query query : queries) {
            long relevant = corpus.stream().filter(query::relevant).count();
            if (relevant == 0) {
                skipped++;
            } else {
                judged.add(judge(gateway, query, relevant, read, mode));
            }
        }
        return new Result(judged, skipped, byKind(judged),
            means("known-item (all kinds above)", judged.stream().filter(j -> j.query().knownItem()).toList()));
    }

    private static Judged judge(String gateway, Query query, long relevant, Map<String, Text> read, String mode)
            throws Exception {
        JsonNode hits = get(gateway + "/api/search?size=" + DEPTH + (mode == null ? "" : "&mode=" + mode) + "&q="
            + URLEncoder.encode(query.query(), StandardCharsets.UTF_8)).path("hits");
        return judge(gateway, query, relevant, read, hits);
    }

    /**
     * The related documents of the judged set {@code file} ({@code evaluation/related-queries.tsv}: each row's
     * "query" is the rule that picks the document read), in {@code mode}, judged against {@code corpus}. The document
     * read is found by searching the text of its rule's first condition; a row whose document is not found, or has no
     * other relevant document in the corpus, is left out and counted. A null {@code mode} asks for none (the
     * platform's default).
     */
    static Result evaluateRelated(Path file, List<Text> corpus, String gateway, String mode) throws Exception {
        Map<String, Text> read = new HashMap<>();
        List<Judged> judged = new ArrayList<>();
        int skipped = 0;
        for (Query row : JudgedQueries.load(file)) {
            List<Predicate<Text>> source = JudgedQueries.conditions(row.query());
            Optional<String> id = find(gateway, row.query().split(" ")[0].replaceFirst("^[a-z]+[=~]", ""), source, read);
            long relevant = corpus.stream().filter(row::relevant).count()
                - (id.isPresent() && row.relevant(read.get(id.get())) ? 1 : 0);
            if (id.isEmpty() || relevant == 0) {
                skipped++;
                continue;
            }
            JsonNode hits = get(gateway + "/api/documents/" + id.get() + "/related?size=" + DEPTH
                + (mode == null ? "" : "&mode=" + mode))
                .path("related");
            judged.add(judge(gateway, row, relevant, read, hits));
        }
        return new Result(judged, skipped, byKind(judged), means("every kind", judged));
    }

    /** The first of the lexical hits for {@code text} that meets every condition of {@code source}. */
    private static Optional<String> find(String gateway, String text, List<Predicate<Text>> source,
                                         Map<String, Text> read) throws Exception {
        for (JsonNode hit : get(gateway + "/api/search?size=" + DEPTH + "&mode=lexical&q="
                + URLEncoder.encode(text, StandardCharsets.UTF_8)).path("hits")) {
            String id = hit.path("id").asString();
            Text found = read.computeIfAbsent(id, i -> reading(gateway, i));
            if (source.stream().allMatch(condition -> condition.test(found))) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    private static Judged judge(String gateway, Query query, long relevant, Map<String, Text> read, JsonNode hits) {
        int first = 0;
        double dcg = 0;
        int found = 0;
        List<String> titles = new ArrayList<>();
        for (int rank = 1; rank <= Math.min(DEPTH, hits.size()); rank++) {
            JsonNode hit = hits.get(rank - 1);
            titles.add(hit.path("author").asString("") + "《" + hit.path("title").asString() + "》");
            Text text = query.needsBody() ? read.computeIfAbsent(hit.path("id").asString(), id -> reading(gateway, id))
                : Text.of(hit.path("title").asString(), hit.path("author").asString(""), "");
            if (query.relevant(text)) {
                found++;
                dcg += 1 / log2(rank + 1);
                first = first == 0 ? rank : first;
            }
        }
        double ideal = 0;
        for (int rank = 1; rank <= Math.min(DEPTH, Math.max(relevant, found)); rank++) {
            ideal += 1 / log2(rank + 1);
        }
        return new Judged(query, relevant, first, dcg / ideal, titles);
    }

    private static Text reading(String gateway, String id) {
        try {
            JsonNode document = get(gateway + "/api/documents/" + id + "/reading");
            return Text.of(document.path("title").asString(), document.path("author").asString(""),
                document.path("body").asString());
        } catch (Exception e) {
            throw new IllegalStateException("Could not read document " + id, e);
        }
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = OpenLoop.HTTP.send(HttpRequest.newBuilder(URI.create(url))
            .timeout(OpenLoop.TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": "
                + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The means of each kind of query, in the order the kinds first come. */
    private static List<Means> byKind(List<Judged> judged) {
        Map<String, List<Judged>> byKind = new LinkedHashMap<>();
        judged.forEach(j -> byKind.computeIfAbsent(j.query().kind(), k -> new ArrayList<>()).add(j));
        return byKind.entrySet().stream().map(e -> means(e.getKey(), e.getValue())).toList();
    }

    private static Means means(String group, List<Judged> judged) {
        return new Means(group, judged.size(), judged.stream().mapToDouble(Judged::reciprocalRank).average().orElse(0),
            judged.stream().mapToDouble(Judged::ndcg).average().orElse(0));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** The means per kind and, when {@code misses}, every query whose first hit is not relevant, with its hits. */
    static void print(Result result, boolean misses) {
        System.out.printf("%nJudged queries: %d searched, %d without a relevant poem in the imported corpus%n",
            result.judged().size(), result.skipped());
        System.out.printf("%-30s %8s %8s %8s%n", "kind", "queries", "MRR@10", "nDCG@10");
        List<Means> rows = new ArrayList<>(result.byKind());
        rows.add(result.knownItem());
        rows.forEach(m -> System.out.printf(Locale.ROOT, "%-30s %8d %8.3f %8.3f%n", m.group(), m.queries(), m.mrr(),
            m.ndcg()));
        if (misses) {
            System.out.println("\nQueries whose first hit is not relevant (rank of the first relevant hit; 0: none):");
            result.judged().stream().filter(j -> j.firstRelevantRank() != 1).forEach(j -> System.out.printf(
                "  %-18s %-26s rank %d of %d relevant: %s%n", j.query().kind(), j.query().query(),
                j.firstRelevantRank(), j.relevant(), String.join(" ", j.topTitles().subList(0,
                    Math.min(3, j.topTitles().size())))));
        }
    }

    /** The suite's rows: known-item MRR against its target, then each kind against the per-kind target. */
    static SuiteTable addRows(SuiteTable table, Result result, int poems) {
        Means known = result.knownItem();
        table.add(format("MRR@10 / nDCG@10 of %d known-item queries (judged set, %,d poems imported)", known.queries(),
                poems), format("%.3f / %.3f", known.mrr(), known.ndcg()), format("MRR@10 ≥ %.1f", KNOWN_ITEM_MRR_TARGET),
            known.mrr() >= KNOWN_ITEM_MRR_TARGET);
        for (Means kind : result.byKind()) {
            table.add(format("MRR@10 / nDCG@10 of the %d %s queries", kind.queries(), kind.group()),
                format("%.3f / %.3f", kind.mrr(), kind.ndcg()), format("MRR@10 ≥ %.1f", KIND_MRR_TARGET),
                kind.mrr() >= KIND_MRR_TARGET);
        }
        return table;
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
