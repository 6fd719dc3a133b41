package dev.pippa.adapter.in.http;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts requests being served and, once draining starts, turns new ones away, so shutdown can wait
 * for the in-flight ones to finish before the store closes.
 */
public final class InFlightRequests {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int active;
    private boolean draining;

    /** False when draining: the caller must answer 503. */
    boolean tryEnter() {
        lock.lock();
        try {
            if (draining) {
                return false;
            }
            active++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    void exit() {
        lock.lock();
        try {
            if (--active == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new requests from now on and waits, at most {@code timeout}, for the active ones; true if all ended. */
    public boolean drain(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            draining = true;
            long remaining = timeout.toNanos();
            while (active > 0 && remaining > 0) {
                remaining = idle.awaitNanos(remaining);
            }
            return active == 0;
        } finally {
            lock.unlock();
        }
    }

    public int active() {
        lock.lock();
        try {
            return active;
        } finally {
            lock.unlock();
        }
    }
}
