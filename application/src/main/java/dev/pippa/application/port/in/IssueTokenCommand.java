package dev.pippa.application.port.in;

import java.util.Objects;

/** A login attempt as typed: neither part is trusted or validated beyond being present. */
public record IssueTokenCommand(String username, String password) {

    public IssueTokenCommand {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "IssueTokenCommand[username=" + username + ", password=redacted]";
    }
}
