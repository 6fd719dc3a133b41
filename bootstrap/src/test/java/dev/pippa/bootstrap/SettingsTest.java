package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pippa.adapter.out.sqlite.SqliteSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void givenNoEnvironment_whenLoaded_thenTheDefaultsOfApplicationYamlApply() {
        Settings settings = Settings.load(Map.of());

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.database().path()).isEqualTo(Path.of("pippa.db").toAbsolutePath());
        assertThat(settings.database().synchronous()).isEqualTo(SqliteSettings.Synchronous.FULL);
        assertThat(settings.corsOrigins()).isEmpty();
        assertThat(settings.accessLog()).isTrue();
        assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void givenEnvironmentVariables_whenLoaded_thenTheyOverrideTheFile() {
        Settings settings = Settings.load(Map.of(
                "SERVER_PORT", "9090",
                "PIPPA_DB_PATH", "/tmp/x/../y/pippa.db",
                "PIPPA_DB_SYNCHRONOUS", "normal",
                "PIPPA_CORS_ORIGINS", "https://a.example, https://b.example",
                "PIPPA_ACCESS_LOG", "off"));

        assertThat(settings.port()).isEqualTo(9090);
        assertThat(settings.database().path()).isEqualTo(Path.of("/tmp/y/pippa.db"));
        assertThat(settings.database().synchronous()).isEqualTo(SqliteSettings.Synchronous.NORMAL);
        assertThat(settings.corsOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(settings.accessLog()).isFalse();
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

    private static void assertInvalid(Map<String, String> environment, String message) {
        assertThatThrownBy(() -> Settings.load(environment))
                .isInstanceOf(Settings.InvalidSettingException.class)
                .hasMessage(message);
    }
}
