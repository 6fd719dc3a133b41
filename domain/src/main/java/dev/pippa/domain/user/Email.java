package dev.pippa.domain.user;

import dev.pippa.domain.Check;
import dev.pippa.domain.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A login email, normalised so one mailbox is one account: surrounding blanks removed and lower-cased
 * (providers treat the local part case-insensitively in practice, and users type it both ways).
 */
public record Email(String value) {

    public static final int MAX_LENGTH = 254;
    /**
     * One @, no blanks and no control characters (no address has them, and PostgreSQL cannot store U+0000),
     * a dot in the domain: enough to catch typos without rejecting real addresses.
     */
    public static final String SHAPE_REGEX = "[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}.]+(\\.[^@\\s\\p{Cntrl}.]+)+";
    /** What a client may send: the shape, with blanks around it (they are stripped). */
    public static final String INPUT_REGEX = "\\s*" + SHAPE_REGEX + "\\s*";
    public static final String SHAPE_MESSAGE = "must be an email address such as ada@example.com";
    private static final Pattern SHAPE = Pattern.compile(SHAPE_REGEX);

    public Email {
        Check.notNull("email", value);
        value = value.strip().toLowerCase(Locale.ROOT);
        Check.maxLength("email", value, MAX_LENGTH);
        if (!SHAPE.matcher(value).matches()) {
            throw new InvalidInputException("email", SHAPE_MESSAGE);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
