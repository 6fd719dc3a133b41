package dev.pippa.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Who wrote a message, with the names chat APIs use. */
public enum Role {
    SYSTEM, USER, ASSISTANT, TOOL;

    private static final Role[] ALL = values();
    private static final String ALLOWED = Arrays.stream(ALL).map(Role::wireName).collect(Collectors.joining(", "));

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public static Role fromWireName(String name) {
        Check.notNull("role", name);
        for (Role role : ALL) {
            if (role.wireName.equals(name)) {
                return role;
            }
        }
        String shown = name.length() <= 32 ? name : name.substring(0, 32) + "...";
        throw new InvalidInputException("role", "must be one of " + ALLOWED + ", got '" + shown + "'");
    }
}
