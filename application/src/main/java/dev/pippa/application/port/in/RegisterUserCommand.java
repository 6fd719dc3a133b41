package dev.pippa.application.port.in;

import dev.pippa.domain.user.Email;
import java.util.Objects;

public record RegisterUserCommand(Email email, Password password) {

    public RegisterUserCommand {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
    }
}
