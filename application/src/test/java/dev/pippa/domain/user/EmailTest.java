package dev.pippa.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pippa.domain.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmailTest {

    @Test
    void givenAnAddressWithBlanksAndCapitals_whenMade_thenItIsNormalised() {
        assertThat(new Email("  Ada.Lovelace+notes@Example.COM ").value()).isEqualTo("ada.lovelace+notes@example.com");
        assertThat(new Email("명성@예시.한국").value()).isEqualTo("명성@예시.한국");
    }

    @Test
    void givenControlCharacters_whenMade_thenRefusedNamingTheField() {
        for (String bad : List.of("a\u0000b@example.com", "ada@exa\u0001mple.com", "ada@example.c\u007fom",
                "no-at-sign.example.com", "ada@nodot")) {
            assertThatThrownBy(() -> new Email(bad)).as(bad)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("email"));
        }
    }
}
