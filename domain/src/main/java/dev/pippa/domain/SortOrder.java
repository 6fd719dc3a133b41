package dev.pippa.domain;

import java.util.Locale;

public enum SortOrder {
    ASC, DESC;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SortOrder fromWireName(String name) {
        for (SortOrder order : values()) {
            if (order.wireName().equals(name)) {
                return order;
            }
        }
        throw new InvalidInputException("order", "must be asc or desc, got '" + name + "'");
    }
}
