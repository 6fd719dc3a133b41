package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pippa.adapter.in.http.RateLimitOptions;
import dev.pippa.adapter.out.postgres.PostgresSettings;
import dev.pippa.adapter.out.sqlite.SqliteSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void givenOnlyASigningSecret_whenLoaded_thenTheDefaultsOfApplicationYamlApply() {
        Settings settings = Settings.load(Map.of("PIPPA_JWT_SECRET", SECRET));

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(8080);
        SqliteSettings database = ((DatabaseChoice.Sqlite) settings.database()).settings();
        assertThat(database.path()).isEqualTo(Path.of("pippa.db").toAbsolutePath());
        assertThat(database.synchronous()).isEqualTo(SqliteSettings.Synchronous.FULL);
        assertThat(settings.corsOrigins()).isEmpty();
        assertThat(settings.accessLog()).isTrue();
        assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.auth()).isEqualTo(Settings.AuthMode.BEARER);
        assertThat(settings.tokens().secret()).isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(settings.tokens().lifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.rateLimits()).isEqualTo(new RateLimitOptions(true, 100, 1000, 20));
    }

    @Test
    void givenNoEnvironmentAtAll_whenLoaded_thenLoginWithoutAKeyRefusesToStartSayingWhatToSet() {
        assertThatThrownBy(() -> Settings.load(Map.of()))
                .isInstanceOf(Settings.InvalidSettingException.class)
                .hasMessageContaining("PIPPA_JWT_SECRET").hasMessageContaining("PIPPA_JWT_KEY_FILE")
                .hasMessageContaining("PIPPA_AUTH=none");
    }

    @Test
    void givenAKeyFile_whenLoaded_thenItsContentIsTheSecret(@TempDir Path directory) throws IOException {
        Path keyFile = Files.writeString(directory.resolve("jwt.key"), SECRET + "\n");

        Settings settings = Settings.load(Map.of("PIPPA_JWT_KEY_FILE", keyFile.toString()));

        assertThat(settings.tokens().secret()).isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void givenAuthNoneAndRateLimitOff_whenLoaded_thenNoKeyIsNeededAndNothingIsLimited() {
        Settings settings = Settings.load(Map.of("PIPPA_AUTH", "none", "PIPPA_RATE_LIMIT", "off"));

        assertThat(settings.auth()).isEqualTo(Settings.AuthMode.NONE);
        assertThat(settings.tokens()).isNull();
        assertThat(settings.rateLimits().enabled()).isFalse();
    }

    @Test
    void givenEnvironmentVariables_whenLoaded_thenTheyOverrideTheFile() {
        Settings settings = Settings.load(Map.of(
                "PIPPA_JWT_SECRET", SECRET,
                "SERVER_PORT", "9090",
                "PIPPA_DB_PATH", "/tmp/x/../y/pippa.db",
                "PIPPA_DB_SYNCHRONOUS", "normal",
                "PIPPA_CORS_ORIGINS", "https://a.example, https://b.example",
                "PIPPA_ACCESS_LOG", "off"));

        assertThat(settings.port()).isEqualTo(9090);
        SqliteSettings database = ((DatabaseChoice.Sqlite) settings.database()).settings();
        assertThat(database.path()).isEqualTo(Path.of("/tmp/y/pippa.db"));
        assertThat(database.synchronous()).isEqualTo(SqliteSettings.Synchronous.NORMAL);
        assertThat(settings.corsOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(settings.accessLog()).isFalse();
    }

    @Test
    void givenADatabaseUrl_whenLoaded_thenPostgresIsChosenWithThePoolSettings() {
        Settings settings = Settings.load(Map.of("PIPPA_JWT_SECRET", SECRET,
                "PIPPA_DB_URL", "postgresql://pippa:secret@db.internal:5433/chat",
                "PIPPA_DB_POOL_SIZE", "40", "PIPPA_DB_CONNECT_TIMEOUT_SECONDS", "3"));

        PostgresSettings database = ((DatabaseChoice.Postgres) settings.database()).settings();
        assertThat(database.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/chat");
        assertThat(database.user()).isEqualTo("pippa");
        assertThat(database.password()).isEqualTo("secret");
        assertThat(database.poolSize()).isEqualTo(40);
        assertThat(database.connectionTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.database().describe()).doesNotContain("secret");
    }

    @Test
    void givenAMalformedDatabaseUrl_whenLoaded_thenRefusedWithoutShowingItsPassword() {
        assertThatThrownBy(() -> Settings.load(Map.of("PIPPA_JWT_SECRET", SECRET,
                "PIPPA_DB_URL", "mysql://root:hunter2@db/chat")))
                .isInstanceOf(Settings.InvalidSettingException.class)
                .hasMessageStartingWith("invalid setting pippa.db.url (PIPPA_DB_URL=mysql://root:***@db/chat): expected")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void givenBadValues_whenLoaded_thenTheErrorNamesTheKeyTheVariableAndWhatIsExpected() {
        assertInvalid(Map.of("SERVER_PORT", "70000"),
                "invalid setting server.port (SERVER_PORT=70000): expected an integer from 0 to 65535");
        assertInvalid(Map.of("PIPPA_DB_SYNCHRONOUS", "sometimes"),
                "invalid setting pippa.db.synchronous (PIPPA_DB_SYNCHRONOUS=sometimes): expected one of [OFF, NORMAL, FULL, EXTRA]");
        assertInvalid(Map.of("PIPPA_ACCESS_LOG", "maybe"),
                "invalid setting pippa.access.log (PIPPA_ACCESS_LOG=maybe): expected true or false");
        assertInvalid(Map.of("PIPPA_OWNER", " "),
                "invalid setting pippa.owner (PIPPA_OWNER= ): a value is required");
        assertInvalid(Map.of("PIPPA_DB_READERS", "0"),
                "invalid setting pippa.db.readers (PIPPA_DB_READERS=0): expected an integer from 1 to 64");
    }

    @Test
    void givenAShortSecret_whenLoaded_thenRefusedWithoutPrintingIt() {
        assertInvalid(Map.of("PIPPA_JWT_SECRET", "too-short-secret"),
                "invalid setting pippa.jwt.secret (PIPPA_JWT_SECRET=(16 bytes, hidden)): expected at least 32 bytes");
    }

    private static void assertInvalid(Map<String, String> environment, String message) {
        Map<String, String> withSecret = new HashMap<>(Map.of("PIPPA_JWT_SECRET", SECRET));
        withSecret.putAll(environment);
        assertThatThrownBy(() -> Settings.load(withSecret))
                .isInstanceOf(Settings.InvalidSettingException.class)
                .hasMessage(message);
    }
}
