package dev.pippa.bootstrap;

/** Start-up cannot go on for a reason the operator can fix; the message is the one line they see. */
final class CannotStartException extends RuntimeException {

    CannotStartException(String message) {
        super(message, null, false, false);
    }
}
