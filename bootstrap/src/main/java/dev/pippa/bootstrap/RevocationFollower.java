package dev.pippa.bootstrap;

import dev.pippa.application.port.in.AuthUseCases;
import java.time.Duration;

/**
 * Reads, every second, the token revocations and password changes made on other nodes, so a revoked token
 * stops working everywhere within about a second. A failed read (the database briefly away) is retried at
 * the next tick; the first failure in a row is logged.
 */
final class RevocationFollower implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RevocationFollower.class.getName());
    private static final Duration EVERY = Duration.ofSeconds(1);

    private final AuthUseCases auth;
    private final Thread thread;

    RevocationFollower(AuthUseCases auth) {
        this.auth = auth;
        this.thread = Thread.ofVirtual().name("pippa-revocations").start(this::run);
    }

    private void run() {
        boolean failing = false;
        try {
            while (true) {
                Thread.sleep(EVERY);
                try {
                    auth.followRevocations();
                    failing = false;
                } catch (RuntimeException e) {
                    if (!failing) {
                        LOG.log(System.Logger.Level.WARNING, "cannot read token revocations (" + e.getMessage()
                                + "); retrying every second");
                    }
                    failing = true;
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
