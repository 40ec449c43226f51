package io.stylegan4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.api.StyleGan;
import io.stylegan4j.api.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer in a real browser: Debian's headless chromium driven through chromedriver (.ci/run installs both).
 * The page loads and shows an image, the psi slider changes it, and an invalid seed shows the server's error.
 */
class ExplorerBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium"), CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path dir;
    static StyleGan gan;
    static ExplorerServer server;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER))
            throw new IllegalStateException("the browser test needs Debian's chromium and chromedriver: apt-get install -y chromium chromium-driver"
                    + " (.ci/run installs them)");
        gan = StyleGan.load(TestModels.tiny(dir, 0));
        server = ExplorerServer.of(gan, "127.0.0.1", 0, 4, m -> {}).start();
        // An explicit driver binary, so Selenium Manager never tries to download one.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1000,800",
                        "--user-data-dir=" + dir.resolve("chromium-profile"));
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (server != null) server.close();
        if (gan != null) gan.close();
    }

    static WebDriverWait await() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    /** Waits until the page shows the answer to {@code query}: the image's own query, loaded. */
    static byte[] imageFor(String query) {
        await().until(d -> "ready".equals(d.findElement(By.tagName("body")).getDomAttribute("data-state"))
                && query.equals(d.findElement(By.id("image")).getDomAttribute("data-query")));
        return browser.findElement(By.id("image")).getScreenshotAs(OutputType.BYTES);
    }

    @Test
    void thePageLoadsThePsiSliderChangesTheImageAndABadSeedShowsTheError() {
        browser.get("http://127.0.0.1:" + server.port() + "/?seed=3");
        byte[] first = imageFor("seed=3");
        assertEquals("", browser.findElement(By.id("error")).getText());
        Number width = (Number) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return document.getElementById('image').naturalWidth");
        assertEquals(16, width.intValue());

        WebElement psi = browser.findElement(By.id("psi"));
        for (int i = 0; i < 10; i++) psi.sendKeys(Keys.ARROW_LEFT); // 1.00 -> 0.50 in steps of 0.05
        assertEquals("0.50", browser.findElement(By.id("psi-value")).getText());
        byte[] truncated = imageFor("seed=3&psi=0.5");
        assertFalse(Arrays.equals(first, truncated), "moving the psi slider left the image as it was");

        WebElement seed = browser.findElement(By.id("seed"));
        seed.clear();
        seed.sendKeys("12x");
        // clear() alone already renders (an empty seed, its own error): wait for the answer to the typed text
        String want = "seed must be an integer 0..4294967295, got '12x'";
        await().until(d -> want.equals(d.findElement(By.id("error")).getText()));
        assertEquals("error", browser.findElement(By.tagName("body")).getDomAttribute("data-state"));

        seed.sendKeys(Keys.BACK_SPACE);
        imageFor("seed=12&psi=0.5");
        assertTrue(browser.findElement(By.id("error")).getText().isEmpty(), "the error stays after a valid seed");
    }
}
