import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/generate.sh's two halves. {@code stub PORT_FILE TOKENS PACE_MS}: an OpenAI-compatible endpoint
 * that streams TOKENS tokens PACE_MS apart; each token carries the moment it was written (System.nanoTime,
 * one clock for every process on this machine), the first also the moment the request arrived.
 * {@code run URL CONCURRENCY direct|pippa}: twice (an untimed warm-up round, then the measured one)
 * CONCURRENCY streamed generations at once, either straight
 * from the stub (the baseline: the stub, loopback and this client) or through Pippa
 * ({@code POST /v1/conversations/{id}/responses} with {@code stream: true}), and the latency from each
 * token's writing to its arrival here.
 */
public class GenerateBench {

    private static final Pattern TOKEN = Pattern.compile("t(\\d+)@(\\d+)(?:@(\\d+))? ");
    private static final Pattern TEXT = Pattern.compile("\"(?:delta|content)\":\"([^\"]*)\"");

    public static void main(String[] args) throws Exception {
        if (args[0].equals("stub")) {
            stub(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else {
            run(args[1], Integer.parseInt(args[2]), args[3].equals("direct"));
        }
    }

    static void stub(String portFile, int tokens, int paceMillis) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                long arrived = System.nanoTime();
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                for (int i = 0; i < tokens; i++) {
                    Thread.sleep(paceMillis);
                    String token = "t" + i + "@" + System.nanoTime() + (i == 0 ? "@" + arrived : "") + " ";
                    out.write(("data: {\"choices\":[{\"delta\":{\"content\":\"" + token + "\"}}]}\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                out.write(("data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":"
                        + "{\"prompt_tokens\":10,\"completion_tokens\":" + tokens + "}}\n\ndata: [DONE]\n\n")
                        .getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        java.nio.file.Files.writeString(java.nio.file.Path.of(portFile), Integer.toString(server.getAddress().getPort()));
        Thread.currentThread().join();
    }

    /** One generation's measurements, in milliseconds. */
    record Run(double toFirstTokenAdded, double toStarted, List<Double> freshest, List<Double> oldest, int tokens,
               int pieces) {
    }

    /** An untimed warm-up round (this client's JIT, connections, the server's JIT), then the measured one. */
    static void run(String url, int concurrency, boolean direct) throws Exception {
        HttpClient client = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        round(client, url, concurrency, direct, false);
        round(client, url, concurrency, direct, true);
    }

    static void round(HttpClient client, String url, int concurrency, boolean direct, boolean report)
            throws Exception {
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < concurrency && !direct; i++) {
            String created = client.send(json(url + "/v1/conversations", "{\"title\":\"bench\"}"),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(created);
            id.find();
            conversations.add(id.group(1));
        }
        List<Run> runs = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency; i++) {
                String target = direct ? url + "/v1/chat/completions"
                        : url + "/v1/conversations/" + conversations.get(i) + "/responses";
                String body = direct ? "{\"model\":\"m\",\"stream\":true,\"messages\":[]}"
                        : "{\"input\":\"Tell me everything.\",\"stream\":true}";
                pool.submit(() -> {
                    try {
                        runs.add(one(client, json(target, body)));
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        System.err.println("generation failed: " + e);
                    }
                });
            }
        }
        if (!report) {
            if (failures.get() > 0) {
                System.exit(1);
            }
            return;
        }
        List<Double> first = new ArrayList<>();
        List<Double> started = new ArrayList<>();
        List<Double> freshest = new ArrayList<>();
        List<Double> oldest = new ArrayList<>();
        long pieces = 0;
        long tokens = 0;
        for (Run run : runs) {
            first.add(run.toFirstTokenAdded());
            started.add(run.toStarted());
            freshest.addAll(run.freshest());
            oldest.addAll(run.oldest());
            pieces += run.pieces();
            tokens += run.tokens();
        }
        System.out.printf("%s: %d generations at once, %d completed, %d failed, %d tokens received, %d pieces"
                        + " (%.1f tokens per piece)%n", direct ? "direct from the stub" : "through Pippa", concurrency,
                runs.size(), failures.get(), tokens, pieces, pieces == 0 ? 0.0 : (double) tokens / pieces);
        System.out.printf("  to first token, beyond the stub's own wait: p50 %.1f ms, p99 %.1f ms%n",
                percentile(first, 50), percentile(first, 99));
        if (!direct) {
            System.out.printf("  of which ask -> response.in_progress (queued, leased, started): p50 %.1f ms, p99 %.1f ms%n",
                    percentile(started, 50), percentile(started, 99));
        }
        System.out.printf("  per piece, newest token in it written -> received: p50 %.1f ms, p99 %.1f ms%n",
                percentile(freshest, 50), percentile(freshest, 99));
        System.out.printf("  per piece, oldest token in it written -> received (batching included): p50 %.1f ms,"
                + " p99 %.1f ms%n", percentile(oldest, 50), percentile(oldest, 99));
        if (failures.get() > 0) {
            System.exit(1);
        }
    }

    private static HttpRequest json(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Streams one generation; each text piece (a delta) is timed against the tokens in it. */
    private static Run one(HttpClient client, HttpRequest request) throws Exception {
        long sent = System.nanoTime();
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("status " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        List<Double> freshest = new ArrayList<>();
        List<Double> oldest = new ArrayList<>();
        double toFirst = -1;
        double toStarted = -1;
        int expected = 0;
        int pieces = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            String event = null; // Pippa names its events; the stub's chunks have no name
            while ((line = lines.readLine()) != null) {
                long received = System.nanoTime();
                if (line.startsWith("event: ")) {
                    event = line.substring("event: ".length());
                    if (event.equals("response.in_progress")) {
                        toStarted = (received - sent) / 1e6;
                    }
                    continue;
                }
                Matcher text = TEXT.matcher(line);
                boolean delta = event == null || event.equals("response.output_text.delta");
                if (!line.startsWith("data: ") || !delta || !text.find() || text.group(1).isEmpty()) {
                    continue;
                }
                pieces++;
                Matcher token = TOKEN.matcher(text.group(1));
                long newest = 0;
                long oldestWritten = Long.MAX_VALUE;
                while (token.find()) {
                    if (Integer.parseInt(token.group(1)) != expected++) {
                        throw new IllegalStateException("token " + token.group(1) + " out of order");
                    }
                    long written = Long.parseLong(token.group(2));
                    newest = Math.max(newest, written);
                    oldestWritten = Math.min(oldestWritten, written);
                    if (token.group(3) != null) { // the first: the stub's own wait was written - arrived
                        long stubWait = written - Long.parseLong(token.group(3));
                        toFirst = ((received - sent) - stubWait) / 1e6;
                    }
                }
                freshest.add((received - newest) / 1e6);
                oldest.add((received - oldestWritten) / 1e6);
            }
        }
        if (toFirst < 0) {
            throw new IllegalStateException("no first token");
        }
        return new Run(toFirst, toStarted, freshest, oldest, expected, pieces);
    }

    private static double percentile(List<Double> values, int percent) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
