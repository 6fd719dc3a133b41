package dev.pippa.bootstrap;

import dev.pippa.application.port.in.AuthUseCases;
import java.time.Duration;

/**
 * Account upkeep in the background: at start, finishes the account erasures a crash interrupted; then,
 * every second, reads the token revocations and password changes made on other nodes, so a revoked token
 * stops working everywhere within about a second. A failed read (the database briefly away) is retried at
 * the next tick; the first failure in a row is logged.
 */
final class AccountUpkeep implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AccountUpkeep.class.getName());
    private static final Duration EVERY = Duration.ofSeconds(1);

    private final AuthUseCases auth;
    private final Thread thread;

    AccountUpkeep(AuthUseCases auth) {
        this.auth = auth;
        this.thread = Thread.ofVirtual().name("pippa-accounts").start(this::run);
    }

    private void run() {
        try {
            int finished = auth.resumeErasures();
            if (finished > 0) {
                LOG.log(System.Logger.Level.INFO, "finished " + finished + " interrupted account erasures");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot finish interrupted account erasures (" + e.getMessage()
                    + "); the next start tries again");
        }
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
