package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.pippa.adapter.out.security.JwtAccessTokens;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fuzz run over raw sockets: 10,000 generated hostile requests (malformed and deeply nested JSON, huge
 * strings and arrays, wrong types, invalid UTF-8, NUL bytes, duplicate keys, overlong headers and URLs,
 * unknown methods, traversal and percent-encoding tricks in ids, tampered and foreign cursors and tokens,
 * SQL and FTS syntax in every string). Every answer must be a 4xx problem+json or a documented success:
 * never a 5xx, never silence, never a hang; and the server must stay up with bounded memory.
 */
class HostileInputTest {

    private static final int REQUESTS = 10_000;
    private static final int SLOW_CLIENTS = 300;
    private static final String[] NASTY_STRINGS = {
        "' OR 1=1 --", "\"; DROP TABLE message; --", "Robert'); DELETE FROM conversation;--", "NEAR(a b)",
        "\"unterminated", "a* OR b*", "content:secret", "^start", "%", "_", "\\u0000", "\u0000", "\uFFFF",
        "\ud83d\ude00", "../../etc/passwd", "<script>alert(1)</script>", "${jndi:ldap://x}", "{{7*7}}",
        "null", "true", "[]", "{}", "\\", "\t\r\n", "\u202e", "Ω≈ç√∫", "中文", "한국어", " ", ""};

    @TempDir
    static Path directory;

    static PippaServer server;
    static int port;
    static String token;
    static String conversation;
    static String message;
    static String cursor;
    static String foreignCursor;
    static List<String> impossibleTokens;

    @BeforeAll
    static void start() throws JOSEException {
        server = PippaServer.start(AuthApiTest.authSettings(directory, "fuzz.db", Map.of("pippa.access.log", "false",
                "pippa.body.idle.seconds", "1", "pippa.body.timeout.seconds", "3")));
        port = server.port();
        ApiClient anonymous = new ApiClient(port);
        UserId fuzzer = new UserId(AuthApiTest.register(anonymous, "fuzz@example.com", "fuzzing password"));
        impossibleTokens = impossibleTokens(fuzzer);
        token = AuthApiTest.login(anonymous, "fuzz@example.com", "fuzzing password").json().get("access_token").asText();
        ApiClient api = new ApiClient(port, "Authorization", "Bearer " + token);
        conversation = api.newConversation("fuzz");
        for (int i = 0; i < 3; i++) {
            message = api.postMessage(conversation, "fuzz " + i);
        }
        cursor = api.get("/v1/conversations/" + conversation + "/messages?limit=1").json().get("next_cursor").asText();
        String other = api.newConversation("other");
        api.postMessage(other, "a");
        api.postMessage(other, "b");
        foreignCursor = api.get("/v1/conversations/" + other + "/messages?limit=1").json().get("next_cursor").asText();
    }

    /** Validly signed tokens that must still be refused: issued in the future, not valid yet, for nobody. */
    private static List<String> impossibleTokens(UserId user) throws JOSEException {
        byte[] secret = AuthApiTest.SECRET.getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();
        JwtAccessTokens ahead = new JwtAccessTokens(secret, Duration.ofHours(1),
                Clock.fixed(now.plus(Duration.ofMinutes(10)), ZoneOffset.UTC));
        JwtAccessTokens current = new JwtAccessTokens(secret, Duration.ofHours(1), Clock.systemUTC());
        SignedJWT notYetValid = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer("pippa").subject(user.value()).issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1)))).build());
        notYetValid.sign(new MACSigner(secret));
        return List.of(ahead.issue(AuthApiTest.tokenUser(user)).value(), notYetValid.serialize(),
                current.issue(AuthApiTest.tokenUser(UserId.next(TimeOrderedIds.shared()))).value());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void givenTenThousandHostileRequests_whenSent_thenEveryAnswerIs4xxProblemJsonOrSuccessAndTheServerStaysUp()
            throws Exception {
        long seed = System.nanoTime();
        List<Function<Random, byte[]>> generators = generators();
        Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long heapBefore = usedHeapAfterGc();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (int worker = 0; worker < 4; worker++) {
                Random random = new Random(seed + worker);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < REQUESTS / 4; i++) {
                        int kind = random.nextInt(generators.size());
                        byte[] request = generators.get(kind).apply(random);
                        String verdict = send(request, byStatus);
                        if (verdict != null) {
                            failures.add("generator " + kind + ": " + verdict + " for "
                                    + preview(request));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : done) {
                worker.get();
            }
        }
        long heapGrowth = usedHeapAfterGc() - heapBefore;

        System.out.printf("hostile input: %d requests (seed %d), by status %s, heap growth %d MB%n",
                REQUESTS, seed, new TreeMap<>(byStatus), heapGrowth >> 20);
        assertThat(failures).as("seed %d", seed).isEmpty();
        assertThat(byStatus.keySet()).allMatch(status -> status < 500 || status == 505);
        assertThat(byStatus.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(REQUESTS);
        assertThat(new ApiClient(port).get("/observe/health").status()).isEqualTo(200);
        assertThat(new ApiClient(port, "Authorization", "Bearer " + token)
                .get("/v1/conversations/" + conversation).json().get("title").asText()).isEqualTo("fuzz");
        assertThat(heapGrowth).as("heap kept after the run").isLessThan(64L << 20);
    }

    @Test
    void givenThreeHundredBodiesSentAByteAtATime_whenTheyHoldTheirSockets_thenHealthAndTheApiAnswerAndEachGets408()
            throws Exception {
        String body = "{\"role\":\"user\",\"content\":\"" + "slow".repeat(100) + "\"}";
        byte[] head = utf8("POST " + messages() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n");
        List<Socket> attackers = new ArrayList<>();
        List<Long> healthMillis = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.getOutputStream().write(head);
                attackers.add(socket);
            }
            ApiClient api = new ApiClient(port, "Authorization", "Bearer " + token);
            // Each attacker sends a byte every 200 ms: never idle for a second, so only the total cap ends them.
            for (int round = 0; round < 10; round++) {
                for (Socket socket : attackers) {
                    socket.getOutputStream().write(body.charAt(round));
                }
                long start = System.nanoTime();
                assertThat(api.get("/observe/health").status()).isEqualTo(200);
                healthMillis.add((System.nanoTime() - start) / 1_000_000);
                assertThat(api.get("/v1/conversations/" + conversation).status()).isEqualTo(200);
                Thread.sleep(200);
            }
            Map<String, Integer> answers = new TreeMap<>();
            for (Socket socket : attackers) {
                socket.setSoTimeout(60_000);
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                answers.merge(answer.isEmpty() ? "(closed)" : answer.substring(0, 12), 1, Integer::sum);
            }
            System.out.printf("slow bodies: %d clients, health answered in %s ms, the clients got %s%n",
                    SLOW_CLIENTS, healthMillis, answers);
            assertThat(answers).containsExactly(Map.entry("HTTP/1.1 408", SLOW_CLIENTS));
        } finally {
            for (Socket socket : attackers) {
                socket.close();
            }
        }
    }

    /** Sends one raw request on its own connection; null when the answer is acceptable, else why not. */
    private static String send(byte[] request, Map<Integer, AtomicInteger> byStatus) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                // the server may answer and close before reading a huge request in full
            }
            byte[] response = readAll(socket.getInputStream());
            String head = new String(response, 0, Math.min(response.length, 4096), StandardCharsets.ISO_8859_1);
            if (!head.startsWith("HTTP/1.1 ")) {
                return "no HTTP response (" + response.length + " bytes)";
            }
            int status = Integer.parseInt(head.substring(9, 12));
            byStatus.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            String lower = head.toLowerCase(java.util.Locale.ROOT);
            boolean http10 = new String(request, 0, Math.min(request.length, 64), StandardCharsets.ISO_8859_1)
                    .contains(" HTTP/1.0\r\n");
            if (status == 505 && http10 && lower.contains("\"code\":\"http_version_not_supported\"")) {
                return null; // the one honest 5xx: this server speaks HTTP/1.1 only
            }
            if (status >= 500) {
                return "status " + status + ": " + head;
            }
            if (status >= 400 && !lower.contains("content-type: application/problem+json")) {
                return "status " + status + " without problem+json: " + head;
            }
            return null;
        } catch (SocketTimeoutException e) {
            return "no answer within 15 s";
        } catch (IOException e) {
            return "connection failed: " + e;
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (all.size() < 1 << 20) {
                all.write(buffer, 0, n);
            }
        }
        return all.toByteArray();
    }

    private static String preview(byte[] request) {
        String text = new String(request, 0, Math.min(request.length, 200), StandardCharsets.ISO_8859_1);
        return text.replace("\r\n", " | ") + (request.length > 200 ? "... (" + request.length + " bytes)" : "");
    }

    private static long usedHeapAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    // ---- generators ---------------------------------------------------------------------------------

    private static byte[] request(String method, String target, String[] headers, byte[] body) {
        return request(method, target, headers, body, true);
    }

    /** @param contentLength whether to announce the body's length (not with a chunked body) */
    private static byte[] request(String method, String target, String[] headers, byte[] body, boolean contentLength) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        if (body != null && contentLength) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[start.length + (body == null ? 0 : body.length)];
        System.arraycopy(start, 0, all, 0, start.length);
        if (body != null) {
            System.arraycopy(body, 0, all, start.length, body.length);
        }
        return all;
    }

    private static String[] authed(String... more) {
        String[] headers = new String[more.length + 1];
        headers[0] = "Authorization: Bearer " + token;
        System.arraycopy(more, 0, headers, 1, more.length);
        return headers;
    }

    private static byte[] postJson(String path, byte[] body) {
        return request("POST", path, authed("Content-Type: application/json"), body);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String nasty(Random random) {
        return NASTY_STRINGS[random.nextInt(NASTY_STRINGS.length)];
    }

    private static String jsonString(String raw) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : raw.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static String messages() {
        return "/v1/conversations/" + conversation + "/messages";
    }

    private static List<Function<Random, byte[]>> generators() {
        List<Function<Random, byte[]>> all = new ArrayList<>();
        // malformed JSON: random bytes, truncations, trailing garbage
        all.add(r -> {
            byte[] junk = new byte[r.nextInt(200)];
            r.nextBytes(junk);
            return postJson(messages(), junk);
        });
        all.add(r -> {
            String valid = "{\"role\":\"user\",\"content\":\"hello\",\"metadata\":{\"k\":\"v\"}}";
            return postJson(messages(), utf8(valid.substring(0, r.nextInt(valid.length()))));
        });
        all.add(r -> postJson(messages(), utf8("{\"role\":\"user\",\"content\":\"x\"} trailing")));
        // deep nesting, up to 10,000 levels
        all.add(r -> {
            int depth = 1 + r.nextInt(10_000);
            String open = r.nextBoolean() ? "[" : "{\"a\":";
            String close = open.equals("[") ? "]" : "}";
            return postJson(messages(), utf8("{\"role\":\"user\",\"content\":\"x\",\"metadata\":"
                    + open.repeat(depth) + "1" + close.repeat(depth) + "}"));
        });
        // huge strings and arrays (over and under the limits)
        all.add(r -> postJson(messages(), utf8("{\"role\":\"user\",\"content\":\""
                + "a".repeat(200_000 + r.nextInt(900_000)) + "\"}")));
        all.add(r -> postJson(messages(), utf8("{\"role\":\"user\",\"content\":[" + "1,".repeat(r.nextInt(100_000)) + "1]}")));
        all.add(r -> postJson("/v1/conversations", utf8("{\"title\":\"" + "t".repeat(r.nextInt(2_000)) + "\"}")));
        // wrong types and missing fields
        all.add(r -> {
            String[] values = {"1", "true", "null", "[]", "{}", "\"user\"", "-1e309", "1.5", "\"\""};
            return postJson(messages(), utf8("{\"role\":" + values[r.nextInt(values.length)] + ",\"content\":"
                    + values[r.nextInt(values.length)] + ",\"metadata\":" + values[r.nextInt(values.length)] + "}"));
        });
        // invalid UTF-8 and NUL bytes inside strings
        all.add(r -> {
            byte[] prefix = utf8("{\"role\":\"user\",\"content\":\"");
            byte[] bad = {(byte) 0xC3, (byte) 0x28, 0, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
            byte[] suffix = utf8("\"}");
            byte[] body = new byte[prefix.length + bad.length + suffix.length];
            System.arraycopy(prefix, 0, body, 0, prefix.length);
            System.arraycopy(bad, 0, body, prefix.length, bad.length);
            System.arraycopy(suffix, 0, body, prefix.length + bad.length, suffix.length);
            return postJson(messages(), body);
        });
        // duplicate keys
        all.add(r -> postJson(messages(), utf8("{\"role\":\"user\",\"role\":\"system\",\"content\":\"x\"}")));
        // SQL and FTS syntax in every string field
        all.add(r -> postJson(messages(), utf8("{\"role\":" + jsonString(r.nextBoolean() ? "user" : nasty(r))
                + ",\"content\":" + jsonString(nasty(r)) + ",\"metadata\":{" + jsonString(nasty(r)) + ":"
                + jsonString(nasty(r)) + "}}")));
        all.add(r -> postJson("/v1/conversations", utf8("{\"title\":" + jsonString(nasty(r)) + "}")));
        all.add(r -> request("PATCH", "/v1/conversations/" + conversation, authed("Content-Type: application/json",
                "If-Match: " + nasty(r).replaceAll("[\\r\\n\\u0000]", "")), utf8("{\"metadata\":{\"k\":"
                + jsonString(nasty(r)) + "}}")));
        all.add(r -> request("POST", "/v1/users", new String[] {"Content-Type: application/json"},
                utf8("{\"email\":" + jsonString(nasty(r)) + ",\"password\":" + jsonString(nasty(r)) + "}")));
        all.add(r -> request("POST", "/v1/auth/token", new String[] {"Content-Type: application/x-www-form-urlencoded"},
                utf8("grant_type=password&username=" + nasty(r).replace("&", "%26") + "&password=%" + r.nextInt(99))));
        // overlong headers and URLs
        all.add(r -> request("GET", messages(), authed("X-Long: " + "h".repeat(4_000 + r.nextInt(60_000))), null));
        all.add(r -> request("GET", messages() + "?cursor=" + "c".repeat(1_000 + r.nextInt(60_000)), authed(), null));
        all.add(r -> request("GET", "/v1/conversations/" + "x".repeat(1_000 + r.nextInt(20_000)), authed(), null));
        // unknown and odd methods
        all.add(r -> {
            String[] methods = {"FOO", "PROPFIND", "TRACE", "CONNECT", "PUT", "OPTIONS", "HEAD", "get", "DELETE"};
            return request(methods[r.nextInt(methods.length)], messages(), authed(), null);
        });
        // traversal and percent-encoding tricks in ids
        all.add(r -> {
            String[] ids = {"..%2F..%2Fetc%2Fpasswd", "%2e%2e", "conv_%00", "%ff%fe", "conv_01%2F", "%", "%zz",
                    "conv_01JD3X6Q8Z5V2M4N7P9R1S3T5V%00", ";", "%2F%2F", "%u0041", "conv_" + "0".repeat(26),
                    message, conversation.toLowerCase(java.util.Locale.ROOT)};
            return request("GET", "/v1/conversations/" + ids[r.nextInt(ids.length)] + "/messages/"
                    + ids[r.nextInt(ids.length)], authed(), null);
        });
        all.add(r -> request("GET", "/v1/../v1/conversations/../../observe/health/../../v1/users", authed(), null));
        // tampered, foreign and nonsense cursors and parameters
        all.add(r -> {
            String[] cursors = {cursor, foreignCursor, flip(cursor, r), cursor + "A", "", "%00", nasty(r),
                    Base64.getUrlEncoder().encodeToString(utf8("1|" + conversation + "|asc|0|' OR 1=1|0"))};
            return request("GET", messages() + "?limit=" + (r.nextInt(300) - 100) + "&order="
                    + (r.nextBoolean() ? "asc" : "sideways") + "&cursor="
                    + java.net.URLEncoder.encode(cursors[r.nextInt(cursors.length)], StandardCharsets.UTF_8), authed(), null);
        });
        // tampered tokens and authorisation headers
        all.add(r -> {
            String[] values = {"Bearer " + flip(token, r), "Bearer " + token + "x", "Bearer", "Basic Zm9vOmJhcg==",
                    "Bearer " + nasty(r).replaceAll("[\\r\\n\\u0000]", ""), "bearer  " + token.substring(1)};
            return request("GET", "/v1/conversations", new String[] {"Authorization: " + values[r.nextInt(values.length)]},
                    null);
        });
        // wrong media types and body framing
        all.add(r -> request("POST", messages(), authed("Content-Type: text/plain"), utf8("role=user")));
        all.add(r -> request("POST", messages(), authed("Content-Type: application/json", "Content-Length: 10"),
                null));
        all.add(r -> request("POST", messages(), authed("Content-Type: application/json",
                "Transfer-Encoding: chunked"), utf8("zz\r\nnot chunked\r\n")));
        // non-token bytes in the method: a control byte, a Latin-1 letter, a byte glued to the path
        all.add(r -> {
            byte[][] methods = {{'P', 'O', 'S', 0x0e}, {(byte) 0xf5, 'A', 'T', 'C', 'H'}, {'P', 'O', 'S', 'T', (byte) 0xc4},
                    {(byte) (0x80 + r.nextInt(0x80)), 'E', 'T'}, {'G', 0x7f, 'T'}};
            byte[] method = methods[r.nextInt(methods.length)];
            byte[] rest = request("", "/v1/conversations", authed(), null);
            byte[] all1 = new byte[method.length + rest.length];
            System.arraycopy(method, 0, all1, 0, method.length);
            System.arraycopy(rest, 0, all1, method.length, rest.length);
            return all1;
        });
        // chunked bodies: bad sizes, a size smaller than the data, a legal extension, a missing CRLF
        all.add(r -> {
            String json = "{\"role\":\"user\",\"content\":\"chunked\"}";
            String size = Integer.toHexString(json.length());
            String[] chunks = {"zz\r\n" + json + "\r\n0\r\n\r\n", "10000000000000000\r\n" + json + "\r\n0\r\n\r\n",
                    "7fffffffffffffff\r\n" + json + "\r\n0\r\n\r\n", "-5\r\n" + json + "\r\n0\r\n\r\n",
                    "5\r\n" + json + "\r\n0\r\n\r\n", size + ";name=value\r\n" + json + "\r\n0\r\n\r\n",
                    size + "\r\n" + json + "0\r\n\r\n", size + "\r\n" + json + "\r\n0\r\n\r\n"};
            return request("POST", messages(), authed("Content-Type: application/json", "Transfer-Encoding: chunked"),
                    utf8(chunks[r.nextInt(chunks.length)]), false);
        });
        // HTTP/1.0, which Helidon does not serve: an honest 505
        all.add(r -> utf8("GET /v1/conversations HTTP/1.0\r\nAuthorization: Bearer " + token + "\r\n\r\n"));
        // lone surrogates (JSON escapes of half a pair) in every string field, and overlong UTF-8
        all.add(r -> {
            String[] lone = {"\\ud800", "x\\udfffy", "\\udc00", "a\\ud83d"};
            String pick = lone[r.nextInt(lone.length)];
            return switch (r.nextInt(3)) {
                case 0 -> postJson(messages(), utf8("{\"role\":\"user\",\"content\":\"" + pick + "\"}"));
                case 1 -> postJson("/v1/conversations", utf8("{\"title\":\"" + pick + "\"}"));
                default -> postJson(messages(), utf8("{\"role\":\"user\",\"content\":\"x\",\"metadata\":{\""
                        + pick + "\":\"" + pick + "\"}}"));
            };
        });
        all.add(r -> {
            byte[][] overlong = {{(byte) 0xc0, (byte) 0xaf}, {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},
                    {(byte) 0xf0, (byte) 0x80, (byte) 0x80, (byte) 0xaf}, {(byte) 0xc1, (byte) 0xbf}};
            byte[] bad = overlong[r.nextInt(overlong.length)];
            byte[] prefix = utf8("{\"title\":\"a");
            byte[] body = new byte[prefix.length + bad.length + 2];
            System.arraycopy(prefix, 0, body, 0, prefix.length);
            System.arraycopy(bad, 0, body, prefix.length, bad.length);
            body[body.length - 2] = '"';
            body[body.length - 1] = '}';
            return postJson("/v1/conversations", body);
        });
        // ambiguous and impossible credentials: two Authorization headers, tokens not yet valid, issued in the
        // future, or for a user that does not exist
        all.add(r -> request("GET", "/v1/conversations", new String[] {"Authorization: Bearer " + token,
                "Authorization: Bearer " + (r.nextBoolean() ? token : flip(token, r))}, null));
        all.add(r -> request("GET", "/v1/conversations", new String[] {"Authorization: Bearer "
                + impossibleTokens.get(r.nextInt(impossibleTokens.size()))}, null));
        // a valid request now and then: the documented success must still be served amid the noise
        all.add(r -> postJson(messages(), utf8("{\"role\":\"assistant\",\"content\":" + jsonString(nasty(r) + "!") + "}")));
        return all;
    }

    private static String flip(String value, Random random) {
        int at = random.nextInt(value.length());
        char replacement = value.charAt(at) == 'A' ? 'B' : 'A';
        return value.substring(0, at) + replacement + value.substring(at + 1);
    }
}
