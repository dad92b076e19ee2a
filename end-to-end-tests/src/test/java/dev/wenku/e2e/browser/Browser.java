package dev.wenku.e2e.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.NotFoundException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (paths overridable with {@code -Dwenku.chromium}
 * and {@code -Dwenku.chromedriver}); never a downloaded browser. Flags keep Chromium off the network, which this
 * machine refuses anyway.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("wenku.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("wenku.chromedriver", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);

    final WebDriver driver;
    final WebDriverWait wait;
    private final Path profile;

    Browser() throws Exception {
        profile = Files.createTempDirectory("wenku-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
            "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--window-size=1280,1000", "--lang=zh-CN", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
            .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, WAIT);
        // The pages re-render live (status changes, counts): an element read during a re-render is simply read again.
        wait.ignoring(StaleElementReferenceException.class);
    }

    /**
     * Waits with Awaitility until {@code condition} holds, reading the page again and again (up to 60 s): an element
     * not there yet, or replaced by a re-render while it was read, just means "not yet".
     */
    void await(String what, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(WAIT).pollInterval(POLL)
            .ignoreExceptionsMatching(e -> e instanceof NotFoundException || e instanceof StaleElementReferenceException
                || e instanceof ElementClickInterceptedException)
            .until(condition);
    }

    /** The visible text of the element (stripped); fails when there is none. */
    String text(By element) {
        return driver.findElement(element).getText().strip();
    }

    /** The visible texts of every such element, in page order. */
    List<String> texts(By elements) {
        return driver.findElements(elements).stream().map(e -> e.getText().strip()).toList();
    }

    /** The current value of an input or textarea (what the user sees in it). */
    String value(By field) {
        return driver.findElement(field).getDomProperty("value");
    }

    boolean shows(By element) {
        List<WebElement> found = driver.findElements(element);
        return !found.isEmpty() && found.getFirst().isDisplayed();
    }

    /** Replaces the text of an input or textarea by typing, as a user does. */
    void type(By field, String text) {
        WebElement input = driver.findElement(field);
        input.clear();
        input.sendKeys(text);
    }

    /** Clicks the element once it is visible and enabled. */
    void click(By element) {
        await("can click " + element, () -> {
            WebElement target = driver.findElement(element);
            if (!target.isDisplayed() || !target.isEnabled()) {
                return false;
            }
            target.click();
            return true;
        });
    }

    static boolean available() {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    }

    /** Saves what the browser shows and its page source under {@code target/browser-failures/}. */
    void saveEvidence(String name) {
        try {
            Path folder = Path.of("target", "browser-failures");
            Files.createDirectories(folder);
            Files.write(folder.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(folder.resolve(name + ".html"), driver.getPageSource());
        } catch (Exception e) {
            System.err.println("Could not save the browser's screenshot for " + name + ": " + e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            dev.wenku.infrastructure.launcher.Directories.deleteRecursively(profile);
        }
    }
}
