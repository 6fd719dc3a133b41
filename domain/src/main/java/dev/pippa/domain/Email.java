package dev.pippa.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A login email, normalised so one mailbox is one account: surrounding blanks removed and lower-cased
 * (providers treat the local part case-insensitively in practice, and users type it both ways).
 */
public record Email(String value) {

    public static final int MAX_LENGTH = 254;
    // One @, no blanks, a dot in the domain: enough to catch typos without rejecting real addresses.
    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    public Email {
        Check.notNull("email", value);
        value = value.strip().toLowerCase(Locale.ROOT);
        Check.maxLength("email", value, MAX_LENGTH);
        if (!SHAPE.matcher(value).matches()) {
            throw new InvalidInputException("email", "must be an email address such as ada@example.com");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
