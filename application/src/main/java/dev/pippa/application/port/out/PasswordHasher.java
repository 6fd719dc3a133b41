package dev.pippa.application.port.out;

import dev.pippa.application.port.in.Password;
import dev.pippa.domain.user.PasswordHash;

/** One-way, salted, deliberately slow password hashing. */
public interface PasswordHasher {

    PasswordHash hash(Password password);

    /** Whether {@code candidate} is the password behind {@code hash}; takes as long whatever the answer. */
    boolean matches(String candidate, PasswordHash hash);
}
