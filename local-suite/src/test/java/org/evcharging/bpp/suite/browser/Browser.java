package org.evcharging.bpp.suite.browser;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for the tests of the pages people use (the payment page, the feedback form): Debian's headless
 * Chromium driven through chromium-driver by Selenium. When either is missing, it is installed with
 * {@code apt-get install chromium chromium-driver} (as root, as on a fresh build machine); where that is not possible
 * the test fails and says what to install. It never skips. {@code CHROMIUM_BIN} and {@code CHROMEDRIVER_BIN} point at
 * other copies. Every page a test looks at can be kept as a screenshot under {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Browser.class.getName());
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static Path[] installed;

    private final ChromeDriver driver;
    private final Path profile;
    private final String test;
    private int shots;

    private Browser(ChromeDriver driver, Path profile, String test) {
        this.driver = driver;
        this.profile = profile;
        this.test = test;
    }

    /** A fresh headless browser (its own empty profile); {@code test} names its screenshots. */
    public static Browser open(String test) throws IOException {
        Path[] bins = chromium();
        Path profile = Files.createTempDirectory("bpp-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(bins[0].toFile());
        // As root, without a GPU, on a machine whose network is closed: no sandbox, and none of Chromium's own
        // background connections (they would be refused, many at a time).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=1024,900", "--lang=en-US",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(bins[1].toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver, profile, test);
    }

    public WebDriver driver() {
        return driver;
    }

    public Browser go(String url) {
        driver.get(url);
        return this;
    }

    /** The page's main heading, as shown. */
    public String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    /** The text of the whole page, as a person reads it. */
    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** The labels of the buttons on the page, in order. */
    public List<String> buttons() {
        List<String> labels = new ArrayList<>();
        for (WebElement b : driver.findElements(By.tagName("button"))) {
            labels.add(b.getText());
        }
        return labels;
    }

    /** Clicks the button labelled (starting with) {@code label} and waits for the page it leads to. */
    public Browser click(String label) {
        WebElement old = driver.findElement(By.tagName("html"));
        WebElement button = driver.findElements(By.tagName("button")).stream()
                .filter(b -> b.getText().startsWith(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no button '" + label + "' on the page: " + buttons()));
        button.click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> gone(old));
        try {
            wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState"))
                    && !d.findElements(By.tagName("h1")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("after '" + label + "' no page with a heading came: " + driver.getCurrentUrl()
                    + "\n" + driver.getPageSource(), e);
        }
        return this;
    }

    /**
     * Has the page this element was on been replaced? Chrome answers a look at an element of a page being replaced
     * either "stale" or, mid-navigation, "node does not belong to the document": both mean the old page is gone.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException stale) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Keeps what the browser shows as {@code target/screenshots/<test>-NN-<state>.png}; returns the file. */
    public Path screenshot(String state) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", test, ++shots, state));
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                LOG.fine(() -> "profile " + profile + " not removed: " + e);
            }
        }
    }

    /** Chromium and its driver: found, or installed from Debian's packages; [browser, driver]. */
    static synchronized Path[] chromium() {
        if (installed != null) {
            return installed;
        }
        Path browser = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
        Path driver = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(browser) || !Files.isExecutable(driver)) {
            install(browser, driver);
        }
        installed = new Path[] {browser, driver};
        return installed;
    }

    private static void install(Path browser, Path driver) {
        String howTo = "the browser tests need Chromium and ChromeDriver (" + browser + ", " + driver + "): install "
                + "Debian's packages (apt-get install chromium chromium-driver) or set CHROMIUM_BIN and CHROMEDRIVER_BIN";
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get")) || !"root".equals(System.getProperty("user.name"))) {
            throw new AssertionError(howTo + "; they are installed by the tests only as root on a Debian machine");
        }
        LOG.info("installing Debian's chromium and chromium-driver for the browser tests (apt-get, once per machine)");
        String log = apt("install", "-y", "--no-install-recommends", "chromium", "chromium-driver");
        if (!Files.isExecutable(browser) || !Files.isExecutable(driver)) {
            log += apt("update");
            log += apt("install", "-y", "--no-install-recommends", "chromium", "chromium-driver");
        }
        if (!Files.isExecutable(browser) || !Files.isExecutable(driver)) {
            throw new AssertionError(howTo + "; apt-get could not:\n" + log);
        }
    }

    private static String apt(String... args) {
        List<String> command = new ArrayList<>(List.of("apt-get", "-q"));
        command.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            String text = new String(out, StandardCharsets.UTF_8);
            return String.join(" ", command) + " -> " + p.exitValue() + "\n"
                    + text.substring(Math.max(0, text.length() - 2000));
        } catch (IOException e) {
            return String.join(" ", command) + " failed: " + e + "\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return String.join(" ", command) + " interrupted\n";
        }
    }
}
