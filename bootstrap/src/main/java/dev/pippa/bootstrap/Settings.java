package dev.pippa.bootstrap;

import dev.pippa.adapter.in.http.RateLimitOptions;
import dev.pippa.adapter.in.http.RequestLimits;
import dev.pippa.adapter.in.http.StreamOptions;
import dev.pippa.adapter.out.openai.OpenAiSummarizer;
import dev.pippa.application.service.LiveEvents;
import dev.pippa.domain.OwnerId;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The service's configuration: pippa.properties in the jar, overridden by environment variables.
 * Every value is checked here, so a bad one stops start-up with one line naming it.
 */
record Settings(
        String host,
        int port,
        DatabaseChoice database,
        AuthMode auth,
        OwnerId defaultOwner,
        TokenSigning tokens,
        RateLimitOptions rateLimits,
        List<String> corsOrigins,
        boolean accessLog,
        Duration shutdownTimeout,
        RequestLimits requestLimits,
        long importMaxBytes,
        Duration retention,
        Jobs jobs,
        Events events,
        OpenAiSummarizer.Endpoint openAi,
        ChatSettings chat,
        EmbeddingSettings embeddings) {

    /** How long a request may wait for a free slot before it is shed with 503. */
    private static final Duration REQUEST_QUEUE_TIMEOUT = Duration.ofSeconds(1);
    /** How long an SSE client waits before reconnecting (the retry: field). */
    private static final Duration RECONNECT = Duration.ofSeconds(2);

    /**
     * @param workers      threads running background jobs (0: none, jobs wait)
     * @param attempts     runs before a job is marked failed
     * @param summaryEvery a conversation is summarised again after every this many messages
     */
    record Jobs(int workers, int attempts, int summaryEvery) {
    }

    /** Live event streams: the hub's limits and how streams behave on the wire. */
    record Events(LiveEvents.Limits limits, StreamOptions streams) {
    }

    /** Which summariser: the built-in extractive one, or an OpenAI-compatible endpoint (then openAi is set). */
    enum SummarizerKind { EXTRACTIVE, OPENAI }

    /** BEARER: users log in and send tokens; NONE: no login, every caller is {@code defaultOwner}. */
    enum AuthMode { BEARER, NONE }

    /** A setting that cannot be used; the message names the key and its environment variable. */
    static final class InvalidSettingException extends RuntimeException {
        InvalidSettingException(String key, String raw, String expected) {
            super("invalid setting " + key + " (" + environmentName(key) + "=" + raw + "): " + expected);
        }
    }

    /**
     * The key that seals list cursors: derived from the token-signing key, so every node that accepts a
     * user's tokens accepts their cursors, across restarts too, and nothing more needs configuring. With
     * login off there is one owner and no secret; the key is then derived from the owner's name, and the
     * seal only guards the cursor's format (a forged cursor could reach nothing that owner cannot).
     */
    byte[] cursorKey() {
        try {
            if (tokens == null) {
                return MessageDigest.getInstance("SHA-256")
                        .digest(("pippa cursors, single owner " + defaultOwner.value()).getBytes(StandardCharsets.UTF_8));
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(tokens.secret(), "HmacSHA256"));
            return mac.doFinal("pippa cursors".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 or HmacSHA256 is missing from this JDK", e);
        }
    }

    /** An environment variable (SERVER_PORT for server.port) wins over pippa.properties. */
    static Settings load(Map<String, String> environment) {
        return from(values(environment));
    }

    /**
     * The settings read one at a time, for the offline commands: {@code DatabaseChoice.from(reader)},
     * {@link #owner}, {@link #summaryEvery}.
     */
    static Reader reader(Map<String, String> environment) {
        return new Reader(values(environment));
    }

    /** The single-tenant owner ({@code PIPPA_OWNER}). */
    static OwnerId owner(Reader read) {
        return read.parsed("pippa.owner", OwnerId::new, "1 to " + OwnerId.MAX_LENGTH + " characters");
    }

    static int summaryEvery(Reader read) {
        return read.integer("pippa.summary.every", 1, 1_000_000);
    }

    private static Function<String, String> values(Map<String, String> environment) {
        Properties defaults = defaults();
        return key -> {
            String override = environment.get(environmentName(key));
            return override != null ? override : defaults.getProperty(key);
        };
    }

    /** The defaults shipped in the jar: a properties file (a YAML parser cost half a second at start-up). */
    private static Properties defaults() {
        Properties defaults = new Properties();
        try (InputStream in = Settings.class.getResourceAsStream("/pippa.properties")) {
            defaults.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pippa.properties from the jar", e);
        }
        return defaults;
    }

    static Settings from(Function<String, String> values) {
        Reader read = new Reader(values);
        DatabaseChoice database = DatabaseChoice.from(read);
        AuthMode auth = read.choice("pippa.auth", AuthMode.class);
        boolean limited = read.bool("pippa.rate.limit");
        return new Settings(
                read.text("server.host"),
                read.integer("server.port", 0, 65_535),
                database,
                auth,
                owner(read),
                auth == AuthMode.NONE ? null : TokenSigning.from(read),
                limited ? new RateLimitOptions(true,
                        read.integer("pippa.rate.user.per.second", 1, 1_000_000),
                        read.integer("pippa.rate.address.per.second", 1, 1_000_000),
                        read.integer("pippa.rate.login.per.minute", 1, 1_000_000))
                        : RateLimitOptions.off(),
                read.list("pippa.cors.origins"),
                read.bool("pippa.access.log"),
                Duration.ofSeconds(read.integer("pippa.shutdown.seconds", 0, 3600)),
                new RequestLimits(read.integer("pippa.max.concurrent.requests", 1, 100_000),
                        read.integer("pippa.request.queue", 0, 1_000_000), REQUEST_QUEUE_TIMEOUT,
                        Duration.ofSeconds(read.integer("pippa.body.idle.seconds", 1, 3600)),
                        Duration.ofSeconds(read.integer("pippa.body.timeout.seconds", 1, 3600))),
                read.integer("pippa.import.max.mb", 1, 100_000) * 1024L * 1024L,
                Duration.ofDays(read.integer("pippa.retention.days", 0, 365 * 100)),
                new Jobs(read.integer("pippa.jobs.workers", 0, 64), read.integer("pippa.jobs.attempts", 1, 100),
                        summaryEvery(read)),
                new Events(new LiveEvents.Limits(read.integer("pippa.events.streams.per.user", 1, 1_000_000),
                        read.integer("pippa.events.streams.max", 1, 1_000_000),
                        read.integer("pippa.events.buffer", 1, 1_000_000),
                        Duration.ofHours(read.integer("pippa.events.retention.hours", 1, 24 * 3650))),
                        new StreamOptions(Duration.ofSeconds(read.integer("pippa.events.heartbeat.seconds", 1, 3600)),
                                RECONNECT, read.integer("pippa.events.max.frame.kb", 1, 16 * 1024) * 1024)),
                read.choice("pippa.summarizer", SummarizerKind.class) == SummarizerKind.OPENAI
                        ? new OpenAiSummarizer.Endpoint(
                                read.parsed("pippa.openai.base.url", Reader::httpUrl, "an http(s) URL"),
                                read.text("pippa.openai.model"),
                                values.apply("pippa.openai.api.key"),
                                Duration.ofSeconds(read.integer("pippa.openai.timeout.seconds", 1, 600)))
                        : null,
                ChatSettings.from(read, values),
                EmbeddingSettings.from(read));
    }

    /** A database named on the command line ({@code pippa copy}); every other setting as configured. */
    static DatabaseChoice databaseAt(String location, Map<String, String> environment) {
        return DatabaseChoice.at(location, new Reader(values(environment)));
    }

    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** Reads one key at a time, turning absent or malformed values into an {@link InvalidSettingException}. */
    record Reader(Function<String, String> values) {

        String text(String key) {
            String value = values.apply(key);
            if (value == null || value.isBlank()) {
                throw new InvalidSettingException(key, String.valueOf(value), "a value is required");
            }
            return value.strip();
        }

        int integer(String key, int min, int max) {
            String raw = text(key);
            try {
                int value = Integer.parseInt(raw);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below with the expected range
            }
            throw new InvalidSettingException(key, raw, "expected an integer from " + min + " to " + max);
        }

        boolean bool(String key) {
            String raw = text(key).toLowerCase(Locale.ROOT);
            return switch (raw) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new InvalidSettingException(key, raw, "expected true or false");
            };
        }

        <E extends Enum<E>> E choice(String key, Class<E> type) {
            String raw = text(key);
            try {
                return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(key, raw, "expected one of "
                        + Arrays.toString(type.getEnumConstants()));
            }
        }

        <T> T parsed(String key, Function<String, T> parser, String expected) {
            String raw = text(key);
            try {
                return parser.apply(raw);
            } catch (RuntimeException e) {
                throw new InvalidSettingException(key, raw, "expected " + expected);
            }
        }

        static URI httpUrl(String raw) {
            URI uri = URI.create(raw);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        }

        List<String> list(String key) {
            String raw = values.apply(key);
            return raw == null ? List.of() : Arrays.stream(raw.split(",")).map(String::strip)
                    .filter(value -> !value.isEmpty()).toList();
        }
    }
}
