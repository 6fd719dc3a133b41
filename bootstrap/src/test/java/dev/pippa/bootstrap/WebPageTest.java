package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The web inspector at /ui in a real browser (Debian's chromium, headless) against the real server. */
class WebPageTest {

    private static final String EMAIL = "ada@example.com";
    private static final String PASSWORD = "correct horse battery";
    private static final String XSS = "<img src=x onerror=alert(1)>";

    @TempDir
    static Path directory;

    static PippaServer server;
    static ApiClient api;
    static String trip;
    static String security;

    @RegisterExtension
    static final Browser browser = new Browser();

    @BeforeAll
    static void startWithData() {
        server = PippaServer.start(AuthApiTest.authSettings(directory, "ui.db", Map.of()));
        ApiClient anonymous = new ApiClient(server.port());
        AuthApiTest.register(anonymous, EMAIL, PASSWORD);
        String token = AuthApiTest.login(anonymous, EMAIL, PASSWORD).json().get("access_token").asText();
        api = new ApiClient(server.port(), "Authorization", "Bearer " + token);
        trip = api.newConversation("Trip to Lisbon");
        for (int i = 1; i <= 30; i++) {
            api.postMessage(trip, "message " + i);
        }
        security = api.newConversation("Security");
        api.postMessage(security, XSS);
        api.postMessage(api.newConversation("Recipes"), "The secret ingredient is cardamom");
    }

    @AfterAll
    static void stop() {
        browser.close();
        server.stop();
    }

    @BeforeEach
    void logIn() {
        browser.driver.manage().deleteAllCookies();
        browser.driver.get(url("/ui"));
        browser.driver.executeScript("sessionStorage.clear()");
        browser.driver.navigate().refresh();
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        browser.screenshot("login");
        browser.driver.findElement(By.id("email")).sendKeys(EMAIL);
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.driver.findElement(By.cssSelector("#login button[type=submit]")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("conversations"), "Trip to Lisbon"));
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private List<String> messages() {
        return browser.driver.findElements(By.cssSelector("#messages .message .content")).stream()
                .map(WebElement::getText).toList();
    }

    private void open(String title) {
        browser.driver.findElement(By.linkText(title)).click();
        browser.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), title));
    }

    @Test
    void givenALoggedInUser_whenTheListShows_thenTheirConversationsAreThereAndLogOutEndsTheSession() {
        browser.screenshot("conversations");
        assertThat(browser.driver.findElement(By.id("conversations")).getText())
                .contains("Trip to Lisbon", "Security", "Recipes");
        assertThat(browser.driver.executeScript("return sessionStorage.getItem('pippa.token')")).isNotNull();
        assertThat(browser.driver.getCurrentUrl()).doesNotContain("token").doesNotContain("eyJ");

        browser.driver.findElement(By.id("logout")).click();

        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        assertThat(browser.driver.executeScript("return sessionStorage.getItem('pippa.token')")).isNull();
    }

    @Test
    void givenALongConversation_whenOpenedAndPagedBack_thenTheNewestShowFirstAndOlderOnesArriveAbove() {
        open("Trip to Lisbon");
        browser.wait.until(driver -> messages().size() == 20);
        assertThat(messages().getFirst()).isEqualTo("message 11");
        assertThat(messages().getLast()).isEqualTo("message 30");
        browser.screenshot("conversation");

        browser.driver.findElement(By.id("older")).click();

        browser.wait.until(driver -> messages().size() == 30);
        assertThat(messages().getFirst()).isEqualTo("message 1");
        assertThat(browser.driver.findElement(By.id("older")).isDisplayed()).isFalse();
    }

    @Test
    void givenAnOpenConversation_whenAMessageIsPostedHereOrByAnotherClient_thenItAppearsWithoutReloading() {
        open("Recipes");
        browser.driver.findElement(By.id("new-message")).sendKeys("Posted from the page");
        browser.driver.findElement(By.cssSelector("#post-message button[type=submit]")).click();
        browser.wait.until(driver -> messages().contains("Posted from the page"));
        String recipes = browser.driver.getCurrentUrl().replaceAll(".*#/c/", "");

        api.postMessage(recipes, "Posted by another client");

        browser.wait.until(driver -> messages().contains("Posted by another client"));
        assertThat(messages()).endsWith("Posted from the page", "Posted by another client");
    }

    @Test
    void givenASearch_whenAResultIsFollowed_thenItsMatchIsMarkedAndTheMessageIsShownInItsConversation() throws Exception {
        TwoNodesIT.awaitCondition(() -> api.get("/v1/search?q=cardamom").json().get("data").size() == 1);
        browser.driver.findElement(By.id("nav-search")).click();
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("q"))).sendKeys("cardamom\n");

        WebElement mark = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#results mark")));
        assertThat(mark.getText()).isEqualTo("cardamom");
        browser.screenshot("search");
        browser.driver.findElement(By.cssSelector("#results a")).click();

        WebElement target = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".message.target")));
        assertThat(target.getText()).contains("The secret ingredient is cardamom");
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Recipes");
    }

    @Test
    void givenAMessageThatLooksLikeHtml_whenShown_thenItIsPlainTextAndNothingRuns() {
        open("Security");
        browser.wait.until(driver -> messages().contains(XSS));

        assertThat(browser.driver.findElements(By.cssSelector("#messages img"))).isEmpty();
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void givenTheOverview_whenShown_thenItCountsTheUsersDataAndChartsThirtyDays() {
        browser.driver.findElement(By.id("nav-overview")).click();

        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("count-conversations")));
        browser.screenshot("overview");
        assertThat(Long.parseLong(browser.driver.findElement(By.id("count-conversations")).getText())).isGreaterThanOrEqualTo(3);
        assertThat(Long.parseLong(browser.driver.findElement(By.id("count-messages")).getText())).isGreaterThanOrEqualTo(32);
        assertThat(browser.driver.findElements(By.cssSelector("svg.chart rect"))).hasSize(30);
    }

    @Test
    void givenAWrongPasswordAndAPhoneSizedWindow_whenLoggingIn_thenTheErrorIsShownInWordsAndThePageStillFits() {
        browser.driver.findElement(By.id("logout")).click();
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.driver.findElement(By.id("email")).sendKeys(EMAIL);
            browser.driver.findElement(By.id("password")).sendKeys("not my password at all");
            browser.driver.findElement(By.id("password")).sendKeys(org.openqa.selenium.Keys.ENTER);

            WebElement error = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
            assertThat(error.getText()).isEqualTo("The email or password is wrong.");
            assertThat(error.getAttribute("role")).isEqualTo("alert");
            browser.screenshot("login-error-phone");
            Object overflow = browser.driver.executeScript(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
            assertThat(overflow).as("no sideways scrolling at phone width").isEqualTo(false);
        } finally {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1200, 900));
        }
    }

    @Test
    void givenThePage_whenServed_thenItForbidsInlineScriptsAndOtherOriginsAndCachesItsAssets() {
        ApiClient.Reply page = new ApiClient(server.port()).get("/ui");
        ApiClient.Reply script = new ApiClient(server.port()).get("/ui/app.js");

        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("default-src 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(script.header("Cache-Control")).contains("max-age");
        assertThat(new ApiClient(server.port()).get("/ui/app.js", "If-None-Match", script.header("ETag")).status())
                .isEqualTo(304);
        assertThat(browser.console()).as("script errors (a 401 while checking for a login is expected)")
                .filteredOn(line -> line.contains("SEVERE") && !line.contains("Failed to load resource")).isEmpty();
    }
}
