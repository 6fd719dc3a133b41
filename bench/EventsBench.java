import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Event delivery benchmark (bench/events.sh runs it): SUBSCRIBERS Server-Sent Events streams on one
 * conversation while one client posts MESSAGES messages one after another as fast as they are answered.
 * Prints the delivery latency from each POST's 201 (as this client saw it) to each subscriber's arrival
 * (p50, p99, max; an event that arrives before the client has read the 201 counts as 0), the events
 * delivered per second, and the server's RSS growth per open stream.
 * Usage: java EventsBench.java BASE_URL SUBSCRIBERS MESSAGES SERVER_PID
 */
public class EventsBench {

    private static final Pattern MESSAGE_ID = Pattern.compile("\"id\":\"(msg_[0-9A-Z]+)\"");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int subscribers = Integer.parseInt(args[1]);
        int messages = Integer.parseInt(args[2]);
        long serverPid = Long.parseLong(args[3]);

        String conversation = field(post(base + "/v1/conversations", "{\"title\":\"events bench\"}"), "id");
        Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
        CountDownLatch open = new CountDownLatch(subscribers);
        CountDownLatch done = new CountDownLatch(subscribers);
        AtomicLong lastArrival = new AtomicLong();
        long rssBefore = rssKb(serverPid);
        List<InputStream> streams = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < subscribers; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/conversations/" + conversation + "/events"))
                    .header("Accept", "text/event-stream").build();
            InputStream body = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream()).body();
            streams.add(body);
            Thread.ofVirtual().start(() -> read(body, messages, arrivals, open, done, lastArrival));
        }
        if (!open.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("streams did not open within 120 s");
        }
        Thread.sleep(2_000); // let the server settle before reading its RSS
        long rssOpen = rssKb(serverPid);

        Map<String, Long> answered = new ConcurrentHashMap<>();
        long firstPost = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            String body = post(base + "/v1/conversations/" + conversation + "/messages",
                    "{\"role\":\"user\",\"content\":\"event " + i + "\"}");
            answered.put(field(body, "id"), System.nanoTime());
        }
        long lastPost = System.nanoTime();
        boolean complete = done.await(300, TimeUnit.SECONDS);
        streams.forEach(EventsBench::closeQuietly);

        List<Double> latencies = new ArrayList<>();
        long delivered = 0;
        for (Map.Entry<String, List<Long>> entry : arrivals.entrySet()) {
            Long at = answered.get(entry.getKey());
            if (at == null) {
                continue;
            }
            for (long arrival : entry.getValue()) {
                latencies.add(Math.max(0, arrival - at) / 1e6);
                delivered++;
            }
        }
        Collections.sort(latencies);
        double seconds = (lastArrival.get() - firstPost) / 1e9;
        System.out.printf("subscribers %d, messages posted %d (%.0f/s, one client, one after another)%n",
                subscribers, messages, messages / ((lastPost - firstPost) / 1e9));
        System.out.printf("events delivered %d of %d%s%n", delivered, (long) subscribers * messages,
                complete ? "" : " (INCOMPLETE: timed out)");
        System.out.printf("delivery latency, 201 -> arrival: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                percentile(latencies, 0.50), percentile(latencies, 0.99), latencies.isEmpty() ? 0 : latencies.getLast());
        System.out.printf("events per second: %.0f (from the first POST to the last arrival, %.2f s)%n",
                delivered / seconds, seconds);
        System.out.printf("server RSS: %d MB before, %d MB with the streams open: %.1f KB per stream%n",
                rssBefore / 1024, rssOpen / 1024, (rssOpen - rssBefore) / (double) subscribers);
        if (!complete || delivered != (long) subscribers * messages) {
            System.exit(1);
        }
    }

    private static void read(InputStream body, int expected, Map<String, List<Long>> arrivals, CountDownLatch open,
                             CountDownLatch done, AtomicLong lastArrival) {
        int received = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("retry:")) {
                    open.countDown();
                } else if (line.startsWith("data:")) {
                    long now = System.nanoTime();
                    Matcher id = MESSAGE_ID.matcher(line);
                    if (id.find()) {
                        arrivals.computeIfAbsent(id.group(1), key -> Collections.synchronizedList(new ArrayList<>()))
                                .add(now);
                        lastArrival.accumulateAndGet(now, Math::max);
                        if (++received == expected) {
                            done.countDown();
                        }
                    }
                }
            }
        } catch (Exception e) {
            // closed at the end
        }
    }

    private static String post(String url, String json) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!value.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return value.group(1);
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    private static double percentile(List<Double> sorted, double fraction) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(fraction * sorted.size()) - 1));
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
