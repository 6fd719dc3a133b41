package dev.pippa.bootstrap;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code pippa train}: serves on a temporary database and a free port of 127.0.0.1, sends the requests a
 * running service gets (sign-up, login, conversations, messages, pages, search, summary, health, metrics),
 * then stops and deletes the database. Run under {@code -XX:AOTCacheOutput=FILE} (JDK 25), the JVM records
 * the classes this loads and links, and how its methods behave, into a start-up cache: {@code ./pippa build}
 * does this, and {@code ./pippa serve} starts with the cache in about half the time.
 */
final class StartUpTraining {

    private static final int MESSAGES = 40;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String authorization = "";
    private int requests;

    private StartUpTraining(String base) {
        this.base = base;
    }

    /** Runs the exercise; 0 when every request got the answer it should, 2 otherwise. */
    static int run(PrintStream console) {
        long startNanos = System.nanoTime();
        Path directory;
        try {
            directory = Files.createTempDirectory("pippa-training");
        } catch (IOException e) {
            console.println("pippa: cannot train: " + e.getMessage());
            return Main.EXIT_CANNOT_START;
        }
        try (PippaServer server = PippaServer.start(Settings.load(Map.of(
                "SERVER_PORT", "0",
                "PIPPA_DB_PATH", directory.resolve("training.db").toString(),
                "PIPPA_JWT_SECRET", randomSecret(),
                "PIPPA_ACCESS_LOG", "false")))) {
            StartUpTraining training = new StartUpTraining(server.url());
            training.exercise();
            console.printf("pippa: training run done: %d requests in %d ms%n", training.requests,
                    (System.nanoTime() - startNanos) / 1_000_000);
            return Main.EXIT_OK;
        } catch (RuntimeException e) {
            console.println("pippa: training run failed: " + e.getMessage());
            return Main.EXIT_CANNOT_START;
        } finally {
            deleteQuietly(directory);
        }
    }

    private void exercise() {
        send("GET", "/observe/health", null, 200);
        send("POST", "/v1/users", "{\"email\":\"training@example.com\",\"password\":\"training password\"}", 201);
        String login = send("POST", "/v1/auth/token",
                "grant_type=password&username=training%40example.com&password=training+password", 200);
        authorization = "Bearer " + first(TOKEN, login);
        String conversation = first(ID, send("POST", "/v1/conversations", "{\"title\":\"training\"}", 201));
        String messages = "/v1/conversations/" + conversation + "/messages";
        for (int i = 0; i < MESSAGES; i++) {
            send("POST", messages, "{\"role\":\"" + (i % 2 == 0 ? "user" : "assistant")
                    + "\",\"content\":\"Training message " + i + ": plan a trip to Lisbon.\"}", 201);
            send("GET", messages + "?limit=100", null, 200);
        }
        send("GET", "/v1/conversations?limit=10", null, 200);
        send("GET", "/v1/conversations/" + conversation, null, 200);
        send("GET", "/v1/search?q=lisbon", null, 200);
        send("GET", "/v1/conversations/" + conversation + "/summary", null, 200);
        send("GET", "/v1/conversations/not-an-id/messages", null, 404);
        send("GET", "/observe/metrics", null, 200);
    }

    /** One request; its body, or a failure naming what differed. */
    private String send(String method, String path, String body, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        requests++;
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ", not "
                    + expectedStatus + ": " + response.body());
        }
        return response.body();
    }

    private static String first(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in " + body);
        }
        return matcher.group(1);
    }

    private static String randomSecret() {
        byte[] secret = new byte[48];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the system cleans it up eventually
        }
    }
}
