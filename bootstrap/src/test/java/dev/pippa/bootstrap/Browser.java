package dev.pippa.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, through its own chromedriver: paths set explicitly, so nothing is ever
 * downloaded. Installs both with apt-get when they are missing. On a failed test it saves a screenshot and
 * the browser's console log under target/ui-failures; {@link #screenshot} saves the pages shown in
 * docs/ui.md under target/ui-screenshots.
 */
final class Browser implements TestWatcher, AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    final WebDriverWait wait;

    Browser() {
        installWhenMissing();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(),
                options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(60)); // generous: a busy machine
    }

    private static void installWhenMissing() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER)) {
            return;
        }
        try {
            Process install = new ProcessBuilder("bash", "-c",
                    "apt-get update && apt-get install -y chromium chromium-driver").inheritIO().start();
            if (!install.waitFor(15, TimeUnit.MINUTES) || install.exitValue() != 0) {
                throw new IllegalStateException("could not install chromium and chromium-driver with apt-get");
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run apt-get to install chromium", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void screenshot(String name) {
        save(Path.of("target/ui-screenshots", name + ".png"));
    }

    private void save(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save " + file + ": " + e);
        }
    }

    /** What the page's scripts logged (errors included). */
    List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String name = context.getRequiredTestMethod().getName();
        save(Path.of("target/ui-failures", name + ".png"));
        try {
            Files.write(Path.of("target/ui-failures", name + ".console.log"), console());
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save the console log: " + e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
