package dev.pippa.adapter.out.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells this node's readers that events were committed, by this node (at once) or another (LISTEN/NOTIFY).
 * A write never sends NOTIFY in its own transaction: PostgreSQL serialises the commits of notifying
 * transactions on one lock, which would undo group commit. Instead one thread sends a NOTIFY after local
 * commits, coalescing those that come while it sends. A signal is only a hint to read; the events
 * themselves always come from the table, and the listener's own connection holds one slot of the pool.
 */
final class PostgresEventSignals implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PostgresEventSignals.class.getName());
    private static final String CHANNEL = "pippa_events";
    private static final Duration RECONNECT = Duration.ofSeconds(1);

    private final HikariDataSource pool;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private boolean notifyWanted; // guarded by this
    private boolean started; // guarded by this
    private volatile boolean closed;

    PostgresEventSignals(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Adds a listener; the first one starts listening for other nodes' commits. */
    synchronized void listen(Runnable listener) {
        listeners.add(listener);
        if (!started && !closed) {
            started = true;
            Thread.ofVirtual().name("pippa-events-listen").start(this::receiveNotifications);
            Thread.ofVirtual().name("pippa-events-notify").start(this::sendNotifications);
        }
    }

    /** A local write committed events: tell this node's readers now, and the other nodes soon. */
    void committed() {
        fire();
        synchronized (this) {
            notifyWanted = true;
            notifyAll();
        }
    }

    /** Tells this node's readers again after {@code delay} (events were held back behind a running writer). */
    void again(Duration delay) {
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(this::fire);
    }

    private void fire() {
        listeners.forEach(Runnable::run);
    }

    private void receiveNotifications() {
        while (!closed) {
            try (Connection connection = pool.getConnection(); Statement listen = connection.createStatement()) {
                listen.execute("LISTEN " + CHANNEL);
                fire(); // whatever was committed while not listening
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] received = notifications.getNotifications((int) RECONNECT.toMillis());
                    if (received != null && received.length > 0) {
                        fire();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "listening for other nodes' events failed ("
                            + e.getMessage() + "); retrying in " + RECONNECT.toSeconds() + " s");
                    pause();
                }
            }
        }
    }

    private void sendNotifications() {
        while (!closed) {
            synchronized (this) {
                while (!notifyWanted && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                notifyWanted = false;
            }
            if (closed) {
                return;
            }
            try (Connection connection = pool.getConnection(); Statement notify = connection.createStatement()) {
                notify.execute("NOTIFY " + CHANNEL);
            } catch (SQLException | RuntimeException e) {
                // Other nodes still find the events at their next signal or poll.
                LOG.log(System.Logger.Level.DEBUG, "NOTIFY failed: " + e.getMessage());
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RECONNECT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            notifyAll();
        }
    }
}
