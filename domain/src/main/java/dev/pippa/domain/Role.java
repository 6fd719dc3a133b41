package dev.pippa.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Who wrote a message, with the names chat APIs use. */
public enum Role {
    SYSTEM, USER, ASSISTANT, TOOL;

    private static final String ALLOWED = Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "));

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWireName(String name) {
        Check.notNull("role", name);
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new InvalidInputException("role", "must be one of " + ALLOWED + ", got '" + name + "'");
    }
}
