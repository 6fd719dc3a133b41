package dev.pippa.application.port.in;

import java.util.Objects;

/** The use cases around users and tokens, handed as one value to driving adapters. */
public record AuthUseCases(
        RegisterUserUseCase registerUser,
        IssueTokenUseCase issueToken,
        AuthenticateUseCase authenticate) {

    public AuthUseCases {
        Objects.requireNonNull(registerUser);
        Objects.requireNonNull(issueToken);
        Objects.requireNonNull(authenticate);
    }
}
