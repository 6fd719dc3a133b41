package dev.pippa.application.port.in;

import dev.pippa.domain.User;

public interface RegisterUserUseCase {

    /** @throws dev.pippa.domain.DuplicateException when the email is already registered */
    User registerUser(RegisterUserCommand command);
}
