package dev.pippa.adapter.out.security;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import dev.pippa.application.port.in.Password;
import dev.pippa.application.port.out.PasswordHasher;
import dev.pippa.domain.user.PasswordHash;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Argon2id through password4j, with one of OWASP's equivalent minimum settings (7 MiB, 5 passes, 1 lane:
 * as strong as 19 MiB with 2 passes, at a third of the memory, which matters on a 192 MiB heap) and a
 * 16-byte random salt. The stored string is the standard PHC form ({@code $argon2id$v=19$m=...}), so its
 * parameters travel with it and can be raised later without breaking existing hashes.
 * <p>
 * Each hash takes 7 MiB of heap and a core for tens of milliseconds: at most one per core runs at a
 * time, so a burst of logins queues instead of exhausting memory.
 */
public final class Argon2PasswordHasher implements PasswordHasher {

    private static final int MEMORY_KIB = 7_168;
    private static final int PASSES = 5;
    private static final int LANES = 1;
    private static final int HASH_BYTES = 32;
    private static final int SALT_BYTES = 16;

    private final Argon2Function argon2 = Argon2Function.getInstance(MEMORY_KIB, PASSES, LANES, HASH_BYTES, Argon2.ID);
    private final Semaphore running = new Semaphore(Runtime.getRuntime().availableProcessors());

    @Override
    public PasswordHash hash(Password password) {
        return limited(() -> new PasswordHash(com.password4j.Password.hash(password.value())
                .addRandomSalt(SALT_BYTES).with(argon2).getResult()));
    }

    @Override
    public boolean matches(String candidate, PasswordHash hash) {
        return limited(() -> com.password4j.Password.check(candidate, hash.value())
                .with(Argon2Function.getInstanceFromHash(hash.value())));
    }

    private <T> T limited(Supplier<T> work) {
        try {
            running.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to hash a password", e);
        }
        try {
            return work.get();
        } finally {
            running.release();
        }
    }
}
