package dev.pippa.domain.event;

/**
 * Where an event stands in the store's one order of events, which is their commit order: a reader that
 * has seen everything up to a position never later finds a new event before it. Stores choose the two
 * numbers (SQLite: 0 and the event's row number; PostgreSQL: the writing transaction's id and the row's
 * sequence number); positions compare as the pair.
 */
public record EventPosition(long transaction, long sequence) implements Comparable<EventPosition> {

    /** Before every event. */
    public static final EventPosition START = new EventPosition(0, 0);

    public EventPosition {
        if (transaction < 0 || sequence < 0) {
            throw new IllegalArgumentException("an event position is never negative");
        }
    }

    @Override
    public int compareTo(EventPosition other) {
        int byTransaction = Long.compare(transaction, other.transaction);
        return byTransaction != 0 ? byTransaction : Long.compare(sequence, other.sequence);
    }

    public boolean isAfter(EventPosition other) {
        return compareTo(other) > 0;
    }
}
