package dev.pippa.application.port.in;

/** The caller could not be identified: bad credentials or a token that is missing, invalid or expired. */
public final class AuthenticationFailedException extends RuntimeException {

    public AuthenticationFailedException(String message) {
        super(message);
    }
}
