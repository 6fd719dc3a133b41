package dev.pippa.adapter.out.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.application.port.in.Password;
import dev.pippa.domain.user.PasswordHash;
import org.junit.jupiter.api.Test;

class Argon2PasswordHasherTest {

    private final Argon2PasswordHasher hasher = new Argon2PasswordHasher();

    @Test
    void givenAPassword_whenHashed_thenArgon2idWithoutThePasswordAndOnlyItMatches() {
        PasswordHash hash = hasher.hash(new Password("correct horse battery"));

        assertThat(hash.value()).startsWith("$argon2id$v=19$m=7168,t=5,p=1$").doesNotContain("correct horse");
        assertThat(hasher.matches("correct horse battery", hash)).isTrue();
        assertThat(hasher.matches("correct horse batterY", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
    }

    @Test
    void givenTheSamePasswordTwice_whenHashed_thenTheSaltsDiffer() {
        Password password = new Password("correct horse battery");

        assertThat(hasher.hash(password)).isNotEqualTo(hasher.hash(password));
    }
}
