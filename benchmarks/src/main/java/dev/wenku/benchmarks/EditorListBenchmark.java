package dev.wenku.benchmarks;

import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.GatewaySession;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.ServiceModule;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The editors' list ({@code GET /api/documents}) with a million documents in the registry: latency at a fixed arrival
 * rate (open loop) of what editors ask it, through the gateway (signed in as the editor) and directly at
 * ingest-service. The registry is filled by {@link RegistryFill} from the {@link PoetryCorpus}. Arguments:
 * [documents] [rate per second] [seconds].
 */
public final class EditorListBenchmark {

    static final int DOCUMENTS = 1_000_000;
    static final int RATE = 20;
    static final int SECONDS = 30;
    static final double TARGET_P99_MS = 100;
    private static final int NAME_WIDTH = 44;

    private static final int WARM_UP_ROUNDS = 20;

    /** Both paths, and per kind of request the direct path's latencies (which kind is slow, if one is). */
    record Result(long documents, double fillSeconds, int rate, int seconds, LatencyStats viaGateway,
                  LatencyStats direct, Map<String, LatencyStats> directByKind) {

        boolean met() {
            return viaGateway.p99() <= TARGET_P99_MS && direct.p99() <= TARGET_P99_MS && viaGateway.errors() == 0
                && direct.errors() == 0;
        }
    }

    private EditorListBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : DOCUMENTS;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : RATE;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : SECONDS;
        ProjectLayout layout = ProjectLayout.locate();
        Path data = Files.createTempDirectory("wenku-editor-list-bench-");
        try (LocalPlatform platform = LocalPlatform.start(layout, data, LocalPlatform.Ports.ANY_FREE, null,
                FreshnessBenchmark.liftedBudgets())) {
            print(measure(platform, documents, rate, seconds));
        } finally {
            Directories.deleteRecursively(data);
        }
    }

    /** Fills the registry with {@code documents} more, then measures both paths, alternating in 5 s windows. */
    static Result measure(LocalPlatform platform, int documents, int rate, int seconds) throws Exception {
        System.out.printf("Loading %s …%n", PoetryCorpus.PACKAGE);
        List<PoetryCorpus.Poem> poems = PoetryCorpus.load();
        System.out.printf("Writing %,d documents (%,d poems, cycled as editions) into the registry …%n", documents,
            poems.size());
        RegistryFill.Filled filled = RegistryFill.fill(platform.infrastructure(), poems, documents);
        System.out.printf("Registry filled in %.0f s%n", filled.seconds());

        Map<String, String> kinds = kinds(poems.getFirst());
        String authorization = GatewaySession.logIn(platform.gatewayUrl(), platform.accounts().editor());
        List<HttpRequest> gateway = requests(platform.gatewayUrl(), kinds, authorization);
        List<HttpRequest> direct = requests(platform.url(ServiceModule.INGEST), kinds, DirectCalls.operator(platform));
        OpenLoop.backToBack(gateway, WARM_UP_ROUNDS * kinds.size());
        OpenLoop.backToBack(direct, WARM_UP_ROUNDS * kinds.size());

        List<OpenLoop.Sample> viaGateway = new ArrayList<>();
        List<OpenLoop.Sample> toService = new ArrayList<>();
        int[] errors = new int[2];
        int window = 5;
        for (int elapsed = 0; elapsed < seconds; elapsed += window) {
            OpenLoop.Run g = OpenLoop.run(gateway, rate, Math.min(window, seconds - elapsed));
            OpenLoop.Run d = OpenLoop.run(direct, rate, Math.min(window, seconds - elapsed));
            viaGateway.addAll(g.samples());
            toService.addAll(d.samples());
            errors[0] += g.errors();
            errors[1] += d.errors();
        }
        List<String> names = List.copyOf(kinds.keySet());
        Map<String, LatencyStats> byKind = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            int kind = k;
            byKind.put(names.get(k), LatencyStats.of(0, 0, toService.stream().filter(s -> s.request() == kind)
                .map(OpenLoop.Sample::nanos).toList()));
        }
        return new Result(filled.documents(), filled.seconds(), rate, seconds,
            LatencyStats.of(rate * seconds, errors[0], viaGateway.stream().map(OpenLoop.Sample::nanos).toList()),
            LatencyStats.of(rate * seconds, errors[1], toService.stream().map(OpenLoop.Sample::nanos).toList()),
            byKind);
    }

    /**
     * What editors ask the list, by name: the default page, title searches (one character, a common pair, Simplified
     * for Traditional titles, a rare title), each filter, each order, a deep page, and filters combined.
     */
    private static Map<String, String> kinds(PoetryCorpus.Poem first) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("newest first", "");
        kinds.put("title 春 (one character)", "q=春");
        kinds.put("title 送别 (Simplified; titles say 送別)", "q=" + encode("送别"));
        kinds.put("title 長安 (Traditional)", "q=" + encode("長安"));
        kinds.put("title 月夜, by title", "q=" + encode("月夜") + "&sort=title");
        kinds.put("title of one poem", "q=" + encode(first.title()));
        kinds.put("author 李白", "author=" + encode("李白"));
        kinds.put("author 蘇軾, by title", "author=" + encode("蘇軾") + "&sort=title");
        kinds.put("status failed", "status=failed");
        kinds.put("tag 課文", "tag=" + encode("課文"));
        kinds.put("tag 唐詩, by title", "tag=" + encode("唐詩") + "&sort=title");
        kinds.put("source (one collection file)", "source=" + encode(first.file()));
        kinds.put("updated in one month a year ago", "since=" + today.minusMonths(13) + "&until="
            + today.minusMonths(12));
        kinds.put("by title, page 20", "sort=title&from=950");
        kinds.put("by status", "sort=status");
        kinds.put("title 山 + status indexed + last 90 days", "q=" + encode("山") + "&status=indexed&since="
            + today.minusDays(90));
        kinds.put("title 秋 + tag 宋詩, by title", "q=" + encode("秋") + "&tag=" + encode("宋詩") + "&sort=title");
        return kinds;
    }

    private static List<HttpRequest> requests(String base, Map<String, String> kinds, String authorization) {
        return kinds.values().stream().map(query -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/documents?size=50"
                + (query.isEmpty() ? "" : "&" + query))).timeout(OpenLoop.TIMEOUT).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return request.build();
        }).toList();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static void print(Result result) {
        System.out.printf("%nEditors' list with %,d documents more in the registry (filled in %.0f s), %d requests/s"
            + " for %d s per path (milliseconds):%n", result.documents(), result.fillSeconds(), result.rate(),
            result.seconds());
        LatencyStats.printHeader("", NAME_WIDTH);
        result.viaGateway().print("through the gateway", NAME_WIDTH);
        result.direct().print("directly at ingest-service", NAME_WIDTH);
        System.out.println("Directly, per kind of request:");
        result.directByKind().forEach((kind, stats) -> stats.print("  " + kind, NAME_WIDTH));
        System.out.printf("p99 target ≤ %.0f ms: %s%n", TARGET_P99_MS, result.met() ? "met" : "missed");
    }

}
