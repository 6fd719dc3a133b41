package dev.pippa.adapter.out.postgres;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How to reach the PostgreSQL server and how many connections to keep to it.
 *
 * @param jdbcUrl           a {@code jdbc:postgresql://} URL; the user and password may be in its query
 * @param user              null: taken from the URL (or the driver's default)
 * @param password          null: taken from the URL
 * @param poolSize          connections this node keeps open at most
 * @param connectionTimeout how long a request waits for a free connection before it fails with 503
 * @param statementTimeout  the longest one statement may run (0: no limit)
 */
public record PostgresSettings(String jdbcUrl, String user, String password, int poolSize,
                               Duration connectionTimeout, Duration statementTimeout) {

    public static final int DEFAULT_POOL_SIZE = 16;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    public PostgresSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (poolSize < 1) {
            throw new IllegalArgumentException("the pool needs at least one connection");
        }
    }

    /** The default pool and timeouts for a URL in either accepted form. */
    public static PostgresSettings of(String url) {
        return of(url, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT);
    }

    /**
     * Accepts {@code jdbc:postgresql://host:port/db?user=...&password=...} as the driver does, and the libpq
     * form {@code postgresql://user:password@host:port/db} (also {@code postgres://}), whose user and password
     * may be percent-encoded.
     *
     * @throws IllegalArgumentException when the URL is neither
     */
    public static PostgresSettings of(String url, int poolSize, Duration connectionTimeout, Duration statementTimeout) {
        String text = url.strip();
        if (!isUrl(text)) {
            throw new IllegalArgumentException("expected jdbc:postgresql://host:port/db or postgresql://user:password@host:port/db");
        }
        if (text.regionMatches(true, 0, "jdbc:", 0, "jdbc:".length())) {
            return new PostgresSettings(text, null, null, poolSize, connectionTimeout, statementTimeout);
        }
        URI uri = URI.create(text);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the URL names no host");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String jdbcUrl = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new PostgresSettings(jdbcUrl, user, password, poolSize, connectionTimeout, statementTimeout);
    }

    /** Whether {@code location} is written as a PostgreSQL URL in one of the forms {@link #of} accepts. */
    public static boolean isUrl(String location) {
        String scheme = location.strip().toLowerCase(Locale.ROOT);
        return scheme.startsWith("jdbc:postgresql://") || scheme.startsWith("postgresql://")
                || scheme.startsWith("postgres://");
    }

    /** The URL without its password, for messages and logs. */
    public String describe() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + describe() + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
