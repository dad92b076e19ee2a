package dev.wenku.benchmarks;

import dev.wenku.benchmarks.SeedEssays.SimplifiedEssay;
import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.SearchReadiness;
import dev.wenku.infrastructure.launcher.SeedLoader;
import dev.wenku.text.SimplifiedScript;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relevance on the seed: starts the platform, loads the seed, and for each phrase of
 * {@code evaluation/relevance-queries.txt} searches it (as a quoted phrase) through the gateway. Prints, per query,
 * which essays contain the phrase (from their text), whether the only essay containing it ranks first, and whether
 * every essay containing it is returned (and nothing else).
 */
public final class RelevanceEvaluation {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RelevanceEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        ProjectLayout layout = ProjectLayout.locate();
        List<SimplifiedEssay> essays = SeedEssays.load(layout.seeds().resolve("000_46f25000791b86e7.txt"));
        List<String> queries = Files.readAllLines(layout.root().resolve("evaluation/relevance-queries.txt")).stream()
            .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        Path data = Files.createTempDirectory("wenku-relevance-");
        try (LocalPlatform platform = LocalPlatform.start(layout, data, LocalPlatform.Ports.ANY_FREE, null)) {
            SeedLoader.loadAll(layout.seeds(), platform.gatewayUrl(), platform.accounts().editor(), System.out);
            SearchReadiness.await(platform.gatewayUrl(), "\"心得体会感悟\"", essays.size());
            report(platform.gatewayUrl(), essays, queries);
        } finally {
            Directories.deleteRecursively(data);
        }
    }

    private static void report(String gateway, List<SimplifiedEssay> essays, List<String> queries) throws Exception {
        int unique = 0;
        int uniqueFirst = 0;
        int complete = 0;
        int exact = 0;
        System.out.printf("%n%-14s %-10s %-10s %-8s %-8s %s%n", "query", "expected", "returned", "first", "all", "extra");
        for (String query : queries) {
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < essays.size(); i++) {
                if (essays.get(i).body().contains(query) || essays.get(i).title().contains(query)) {
                    expected.add(i + 1);
                }
            }
            List<Integer> returned = search(gateway, query);
            boolean first = expected.size() == 1 && !returned.isEmpty() && returned.getFirst().equals(expected.getFirst());
            boolean all = returned.containsAll(expected);
            List<Integer> extra = returned.stream().filter(n -> !expected.contains(n)).toList();
            if (expected.size() == 1) {
                unique++;
                uniqueFirst += first ? 1 : 0;
            }
            complete += all ? 1 : 0;
            exact += all && extra.isEmpty() ? 1 : 0;
            System.out.printf("%-14s %-10s %-10s %-8s %-8s %s%n", query, expected, returned,
                expected.size() == 1 ? (first ? "yes" : "NO") : "-", all ? "yes" : "NO", extra.isEmpty() ? "-" : extra);
        }
        System.out.printf("%nPhrases in one essay only: that essay ranks first for %d of %d.%n", uniqueFirst, unique);
        System.out.printf("All essays containing the phrase returned: %d of %d queries (%d with nothing else).%n",
            complete, queries.size(), exact);
    }

    /** The essay numbers (1-5, from the titles' trailing digit) of the search results, in rank order. */
    private static List<Integer> search(String gateway, String phrase) throws Exception {
        String url = gateway + "/api/search?size=10&q=" + URLEncoder.encode("\"" + phrase + "\"", StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        List<Integer> essays = new ArrayList<>();
        for (JsonNode hit : JSON.readTree(response.body()).path("hits")) {
            String title = SimplifiedScript.of(hit.path("title").asString());
            char last = title.charAt(title.length() - 1);
            if (title.contains("心得体会感悟") && Character.isDigit(last)) {
                essays.add(last - '0');
            }
        }
        return essays;
    }
}
