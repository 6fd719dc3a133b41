package dev.pippa.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresSettingsTest {

    @Test
    void givenALibpqUrl_whenRead_thenTheDriverUrlUserAndDecodedPasswordAreSeparated() {
        PostgresSettings settings = PostgresSettings.of("postgresql://pippa:p%40ss%3Aword@db.example:6543/chat?sslmode=require");

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/chat?sslmode=require");
        assertThat(settings.user()).isEqualTo("pippa");
        assertThat(settings.password()).isEqualTo("p@ss:word");
        assertThat(settings.toString()).doesNotContain("p@ss");
    }

    @Test
    void givenAJdbcUrl_whenRead_thenItIsUsedAsItIsAndDescribedWithoutItsPassword() {
        PostgresSettings settings = PostgresSettings.of("jdbc:postgresql://localhost/chat?user=pippa&password=secret");

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/chat?user=pippa&password=secret");
        assertThat(settings.user()).isNull();
        assertThat(settings.describe()).isEqualTo("jdbc:postgresql://localhost/chat?user=pippa&password=***");
    }

    @Test
    void givenEitherFormInAnyCase_whenAsked_thenItIsAUrlAndAFileNameIsNot() {
        assertThat(PostgresSettings.isUrl("POSTGRESQL://db/chat")).isTrue();
        assertThat(PostgresSettings.of("POSTGRES://db/chat").jdbcUrl()).isEqualTo("jdbc:postgresql://db/chat");
        assertThat(PostgresSettings.isUrl(" jdbc:postgresql://db/chat")).isTrue();
        assertThat(PostgresSettings.isUrl("/srv/pippa/postgresql.db")).isFalse();
    }

    @Test
    void givenAnythingElse_whenRead_thenRefused() {
        for (String bad : new String[] {"mysql://localhost/chat", "postgresql:///chat", "pippa.db"}) {
            assertThatThrownBy(() -> PostgresSettings.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
