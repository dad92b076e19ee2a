package dev.wenku.e2e.browser;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.jayway.jsonpath.JsonPath;
import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.GatewaySession;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.ServiceModule;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.json.JsonMapper;

/**
 * Search by meaning on a platform of its own with the embedding stage on. In the reader's page: a question that shares
 * no word with a poem finds it first, the hit shows the passage that matched, the reading view marks it, and the
 * reader can switch the mode (by the words alone, the question finds nothing). For the operator: a partitioning run
 * goes to its end, search-service computing its partitions with the JDK's vector module.
 */
class SemanticSearchUiIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The options the build gives every child JVM of a test (JavaCommand's system property). */
    private static final String CHILD_JVM_OPTIONS = "wenku.child-jvm.options";
    private static final String HOMESICK = "床前明月光，疑是地上霜。\n举头望明月，低头思故乡。";

    private static Path data;
    private static LocalPlatform platform;
    private static String gateway;

    @BeforeAll
    static void startPlatformWithThreePoemsEmbedded() throws Exception {
        data = Files.createTempDirectory("wenku-semantic-ui-");
        platform = LocalPlatform.startWith(ProjectLayout.locate(), data, LocalPlatform.Ports.ANY_FREE, null,
            Map.of(ServiceModule.SEARCH, Map.of("wenku.search.semantic.enabled", "true")),
            LocalPlatform.Topology.SINGLE);
        gateway = platform.gatewayUrl();
        String editor = GatewaySession.logIn(gateway, platform.accounts().editor());
        upload(gateway, editor, "静夜思", HOMESICK, "李白");
        upload(gateway, editor, "出塞", "秦时明月汉时关，万里长征人未还。\n但使龙城飞将在，不教胡马度阴山。", "王昌龄");
        upload(gateway, editor, "春晓", "春眠不觉晓，处处闻啼鸟。\n夜来风雨声，花落知多少。", "孟浩然");
        await().alias("the three poems are embedded").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
            .until(() -> JsonPath.<List<String>>read(HTTP.send(HttpRequest.newBuilder(URI.create(gateway
                + "/api/search?mode=semantic&q=" + URLEncoder.encode("四季 月亮 战争", StandardCharsets.UTF_8))).GET()
                .build(), HttpResponse.BodyHandlers.ofString()).body(), "$.hits[*].id").size() == 3);
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        try {
            if (platform != null) {
                platform.close();
            }
        } finally {
            Directories.deleteRecursively(data);
        }
    }

    @Test
    void aQuestionFindsThePoemByMeaningWithItsPassageMarkedInTheReadingView() throws Exception {
        assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are installed (.ci/run installs them)");
        try (Browser browser = new Browser()) {
            try {
                browser.driver.get(gateway + "/#q=想念老家");
                browser.await("the homesick poem is found first, with the passage that matched", () ->
                    !browser.texts(By.cssSelector("#results .result-title")).isEmpty()
                        && browser.texts(By.cssSelector("#results .result-title")).getFirst().equals("静夜思")
                        && !browser.texts(By.cssSelector("#results .result-passage .passage-text")).isEmpty());
                assertEquals(HOMESICK.replaceAll("\\s", ""), browser.texts(By.cssSelector(
                    "#results .result-passage .passage-text")).getFirst().replaceAll("\\s", ""));
                WebElement mode = browser.driver.findElement(By.id("mode"));
                assertTrue(mode.isDisplayed(), "the reader may choose the mode");
                assertEquals("hybrid", new Select(mode).getFirstSelectedOption().getAttribute("value"));

                browser.driver.findElement(By.cssSelector("#results .result a")).click();
                browser.await("the reading view marks the passage", () -> browser.texts(
                    By.cssSelector("#reading-body mark.passage-mark")).size() == 2);
                assertEquals("床前明月光，疑是地上霜。", browser.texts(By.cssSelector("#reading-body mark")).getFirst());

                browser.driver.get(gateway + "/#q=想念老家");
                browser.await("the results are back", () -> !browser.texts(By.cssSelector("#results .result-title"))
                    .isEmpty());
                new Select(browser.driver.findElement(By.id("mode"))).selectByValue("lexical");
                browser.await("by the words alone the question finds nothing", () -> browser.driver.getCurrentUrl()
                    .contains("mode=lexical") && !browser.driver.findElements(By.cssSelector("#results .empty"))
                    .isEmpty());
                assertFalse(browser.driver.findElement(By.id("did-you-mean")).isDisplayed()
                    && browser.driver.findElement(By.id("did-you-mean")).getText().contains("静夜思"));
            } catch (AssertionError | RuntimeException e) {
                browser.saveEvidence("aQuestionFindsThePoemByMeaningWithItsPassageMarkedInTheReadingView");
                throw e;
            }
        }
    }

    /**
     * An operator's partitioning run, on search-service as the platform starts it: the run is done, and Lucene, which
     * computes the partitions' k-means and every passage's tag, finds the JDK's vector module in search-service's JVM
     * (without it, it warns in the log that the module is not readable, and computes a float at a time).
     */
    @Test
    void anOperatorsPartitioningRunEndsComputedWithTheJdksVectorModule() throws Exception {
        String operator = platform.accounts().operator().basicAuthorization();
        URI run = URI.create(gateway + "/api/search/embeddings/partitioning");
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(run).header("Authorization", operator)
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, started.statusCode(), started.body());
        await().alias("the partitioning run is done").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
            .until(() -> JSON.readTree(HTTP.send(HttpRequest.newBuilder(run).header("Authorization", operator).GET()
                .build(), HttpResponse.BodyHandlers.ofString()).body()), progress -> "DONE".equals(progress
                .path("state").asString()) && progress.path("tagged").asLong() == progress.path("passages").asLong());
        Path log = data.resolve("logs").resolve(ServiceModule.SEARCH.module() + ".log");
        // A log line reaches the file a moment after the work it describes.
        await().alias("search-service logged Lucene's vectorization").atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> Files.readAllLines(log).stream().anyMatch(line -> line.contains("vector incubator")));
        List<String> lucene = Files.readAllLines(log).stream().filter(line -> line.contains("vector incubator"))
            .toList();
        assertTrue(lucene.stream().noneMatch(line -> line.contains("not readable")), lucene::toString);
        // The build gives the tests' JVMs C1 alone (JavaCommand), with which Lucene finds the module and leaves it
        // unused, saying why; the platform's JVMs have C2, and Lucene uses it.
        String expected = System.getProperty(CHILD_JVM_OPTIONS, "").contains("TieredStopAtLevel=1")
            ? "C2 compiler is disabled; Java vector incubator API can't be enabled" : "Java vector incubator API enabled";
        assertTrue(lucene.stream().anyMatch(line -> line.contains(expected)), lucene::toString);
    }

    private static void upload(String gateway, String editor, String title, String body, String author)
            throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/documents"))
            .header("Content-Type", "application/json").header("Authorization", editor)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("title", title, "body", body,
                "author", author)))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
    }
}
