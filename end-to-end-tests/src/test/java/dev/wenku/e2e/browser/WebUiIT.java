package dev.wenku.e2e.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wenku.infrastructure.launcher.Credentials;
import dev.wenku.infrastructure.launcher.Directories;
import dev.wenku.infrastructure.launcher.LocalPlatform;
import dev.wenku.infrastructure.launcher.ProjectLayout;
import dev.wenku.infrastructure.launcher.SearchReadiness;
import dev.wenku.infrastructure.launcher.SeedLoader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web UI in a real browser against the embedded platform with the seed loaded: a reader searches, an editor
 * uploads a file and watches it become searchable, an operator sees the pipeline's figures. A failing test leaves a
 * screenshot and the page source in {@code target/browser-failures/}.
 */
class WebUiIT {

    private static LocalPlatform platform;
    private static Path data;
    private Browser browser;

    @RegisterExtension
    final TestWatcher evidence = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.saveEvidence(context.getRequiredTestMethod().getName());
            }
        }
    };

    @BeforeAll
    static void startPlatformWithTheSeed() throws Exception {
        assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are installed (.ci/run installs them)");
        ProjectLayout layout = ProjectLayout.locate();
        data = Files.createTempDirectory("wenku-browser-");
        platform = LocalPlatform.start(layout, data, LocalPlatform.Ports.ANY_FREE, null);
        List<SeedLoader.Upload> uploads = SeedLoader.loadAll(layout.seeds(), platform.gatewayUrl(),
            platform.accounts().editor(), null);
        assertTrue(uploads.getFirst().accepted(), uploads.toString());
        SearchReadiness.await(platform.gatewayUrl(), "\"心得体会感悟\"", 5);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
        if (data != null) {
            Directories.deleteRecursively(data);
        }
    }

    @BeforeEach
    void openBrowser() throws Exception {
        browser = new Browser();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aReaderSearchesAndSeesHighlightedResultsFacetsSuggestionsAndTheReadingView() {
        browser.driver.get(platform.gatewayUrl() + "/");
        WebElement box = browser.driver.findElement(By.id("q"));
        box.sendKeys("xinzhi");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#suggestions li")));

        box.clear();
        box.sendKeys("新質生產力");
        browser.driver.findElement(By.id("search-button")).click();
        browser.wait.until(d -> d.findElements(By.cssSelector("#results .result")).size() >= 5);
        assertFalse(browser.driver.findElements(By.cssSelector("#results .result em")).isEmpty(), "highlights");
        List<WebElement> facets = browser.driver.findElements(By.cssSelector("#facets .facet-value"));
        assertFalse(facets.isEmpty(), "facets");

        facets.getFirst().click();
        browser.wait.until(d -> !d.findElements(By.cssSelector("#filters *")).isEmpty());
        browser.wait.until(d -> !d.findElements(By.cssSelector("#results .result")).isEmpty());

        browser.driver.findElement(By.cssSelector("#results .result a")).click();
        browser.wait.until(d -> !d.findElement(By.id("reading-title")).getText().isBlank());
        browser.wait.until(d -> !d.findElement(By.id("reading-body")).getText().isBlank());
        browser.wait.until(d -> !d.findElements(By.cssSelector("#related li")).isEmpty());
    }

    @Test
    void anEditorLogsInUploadsAFileAndWatchesItBecomeIndexed() throws Exception {
        String marker = "浏览器" + UUID.randomUUID().toString().substring(0, 6);
        Path file = Files.createTempDirectory("wenku-upload-").resolve("essay-" + marker.substring(3) + ".txt");
        Files.writeString(file, "学习心得 " + marker + "\n\n发展新质生产力是推动高质量发展的内在要求和重要着力点。" + marker,
            Charset.forName("GB18030"));

        browser.driver.get(platform.gatewayUrl() + "/editor.html");
        logIn(platform.accounts().editor());
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("editor-panel")));
        browser.driver.findElement(By.id("upload-file")).sendKeys(file.toAbsolutePath().toString());
        browser.driver.findElement(By.id("upload-button")).click();

        By row = By.xpath("//table[@id='documents']//tr[@data-id][contains(., '" + marker + "')]");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(row));
        browser.wait.until(d -> "INDEXED".equals(d.findElement(row).findElement(By.cssSelector(".status-code"))
            .getText().strip()));
        Directories.deleteRecursively(file.getParent());
    }

    @Test
    void anOperatorSeesNonZeroPipelineCountsAndServiceHealth() {
        browser.driver.get(platform.gatewayUrl() + "/operator.html");
        logIn(platform.accounts().operator());
        browser.wait.until(d -> number(d.findElement(By.cssSelector("#counts [data-metric='indexed']")).getText()) > 0);
        assertTrue(number(browser.driver.findElement(By.cssSelector("#counts [data-metric='ingested']")).getText()) > 0);
        browser.wait.until(d -> d.findElements(By.cssSelector("#services li.up")).size() == 3);
        browser.wait.until(d -> number(d.findElement(By.cssSelector("[data-freshness='p50Seconds']")).getText()) > 0);
        browser.wait.until(d -> !d.findElements(By.cssSelector("table#lag tbody tr:not(.empty-row)")).isEmpty());
    }

    @Test
    void anEditorIsRefusedTheOperatorsPage() {
        browser.driver.get(platform.gatewayUrl() + "/operator.html");
        logIn(platform.accounts().editor());
        browser.wait.until(d -> d.findElements(By.cssSelector("#operator-error, #login-error")).stream()
            .anyMatch(e -> e.isDisplayed() && !e.getText().isBlank()));
        assertEquals(0, browser.driver.findElements(By.cssSelector("#services li.up")).size());
    }

    private void logIn(Credentials account) {
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
        browser.driver.findElement(By.id("login-username")).sendKeys(account.username());
        browser.driver.findElement(By.id("login-password")).sendKeys(account.password());
        browser.driver.findElement(By.id("login-button")).click();
    }

    private static double number(String text) {
        String digits = text.replaceAll("[^0-9.]", "");
        return digits.isEmpty() ? 0 : Double.parseDouble(digits);
    }
}
