package dev.pippa.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible chat-completions endpoint on 127.0.0.1 that plays a script per request: tokens at a
 * pace, an error status, a dropped stream, a garbage chunk, a stall. With no script queued it streams
 * {@link #TOKENS}. It records what each request asked, and how many callers hung up mid-stream.
 */
final class ModelStub implements AutoCloseable {

    static final List<String> TOKENS = List.of("Lisbon", " in", " May", " is", " lovely", ".");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one request gets. */
    interface Script {
        void play(HttpExchange exchange) throws IOException, InterruptedException;
    }

    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger hangUps = new AtomicInteger();
    private final BlockingDeque<Script> scripts = new LinkedBlockingDeque<>();
    private final HttpServer server;

    ModelStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                requests.add(JSON.readTree(exchange.getRequestBody()));
                Script script = scripts.pollFirst();
                (script == null ? tokens(TOKENS, Duration.ZERO) : script).play(exchange);
            } catch (IOException e) {
                hangUps.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    /** The base URL to configure ({@code PIPPA_CHAT_BASE_URL}). */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Queues scripts for the next requests, in order. */
    void then(Script... next) {
        scripts.addAll(List.of(next));
    }

    /** The tokens, {@code pace} apart, then the finish with usage and [DONE]. */
    static Script tokens(List<String> tokens, Duration pace) {
        return exchange -> {
            OutputStream out = open(exchange);
            for (String token : tokens) {
                Thread.sleep(pace);
                chunk(out, token);
            }
            done(out, tokens.size());
        };
    }

    /** An error status before any text, with Retry-After when given. */
    static Script failing(int status, String retryAfter) {
        return exchange -> {
            if (retryAfter != null) {
                exchange.getResponseHeaders().set("Retry-After", retryAfter);
            }
            byte[] body = "{\"error\":{\"message\":\"stub says no\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        };
    }

    /** The tokens, then the stream ends without a finish or [DONE], as a dropped connection does. */
    static Script droppedAfter(List<String> tokens) {
        return exchange -> {
            OutputStream out = open(exchange);
            for (String token : tokens) {
                chunk(out, token);
            }
        };
    }

    /** The tokens, then a chunk that is not JSON. */
    static Script garbageAfter(List<String> tokens) {
        return exchange -> {
            OutputStream out = open(exchange);
            for (String token : tokens) {
                chunk(out, token);
            }
            write(out, "data: {\"choices\":[{\"delta\":{\"content\": oops\n\n");
            Thread.sleep(Duration.ofSeconds(30)); // in case the garbage were taken for the start of something
        };
    }

    /** The tokens, then silence until {@code release} (or a minute). */
    static Script silentAfter(List<String> tokens, CountDownLatch release) {
        return exchange -> {
            OutputStream out = open(exchange);
            for (String token : tokens) {
                chunk(out, token);
            }
            release.await(1, TimeUnit.MINUTES);
            done(out, tokens.size());
        };
    }

    /** The first tokens, a wait for {@code release}, then the rest, {@code pace} apart. */
    static Script heldAfter(List<String> first, CountDownLatch release, List<String> rest, Duration pace) {
        return exchange -> {
            OutputStream out = open(exchange);
            for (String token : first) {
                chunk(out, token);
            }
            release.await(1, TimeUnit.MINUTES);
            for (String token : rest) {
                Thread.sleep(pace);
                chunk(out, token);
            }
            done(out, first.size() + rest.size());
        };
    }

    /** {@code token} every {@code pace} until the caller hangs up (or a minute passes). */
    static Script endless(String token, Duration pace) {
        return exchange -> {
            OutputStream out = open(exchange);
            long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (System.nanoTime() < end) {
                chunk(out, token);
                Thread.sleep(pace);
            }
            done(out, 0);
        };
    }

    private static OutputStream open(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    private static void chunk(OutputStream out, String token) throws IOException {
        write(out, "data: {\"id\":\"chatcmpl-9\",\"model\":\"stub-model\",\"choices\":[{\"delta\":{\"content\":"
                + JSON.valueToTree(token) + "}}]}\n\n");
    }

    private static void done(OutputStream out, int outputTokens) throws IOException {
        write(out, "data: {\"id\":\"chatcmpl-9\",\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":21,\"completion_tokens\":" + outputTokens + "}}\n\ndata: [DONE]\n\n");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
