package dev.wenku.e2e.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
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
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        // The pages re-render live (status changes, counts): an element read during a re-render is simply read again.
        wait.ignoring(StaleElementReferenceException.class);
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
