package dev.pippa.application.service;

import dev.pippa.application.port.out.PackedVector;
import dev.pippa.domain.Role;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One owner's vectors of one model in memory (of messages, or of file chunks), packed row after row in one
 * byte array, scored by brute force: exact, and at 384 bytes a vector about 40 MB for 100,000 messages.
 * Readers score under a read lock while newer vectors are appended under the write lock; an item saved
 * again replaces its row.
 */
final class OwnerVectors {

    /**
     * One stored vector: what it is ({@code id}), the group it belongs to (a message's conversation, a
     * chunk's file), a message's role (null for a chunk), and the sequence it was saved under.
     */
    record Row(long sequence, String id, String group, Role role, PackedVector vector) {
    }

    /** One result: a row's id and its cosine similarity to the query. */
    record Scored(String id, double similarity) {
    }

    private static final Comparator<RowScore> BY_SCORE = Comparator.comparingDouble(RowScore::score);

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final long loadedAt = System.nanoTime();
    private final Map<String, Integer> rowOf = new HashMap<>();
    private int dimensions = -1;
    private PackedDot dots;
    private int rows;
    private byte[] values = new byte[0];
    private float[] scales = new float[0];
    private String[] ids = new String[0];
    private String[] groups = new String[0];
    private Role[] roles = new Role[0];
    private long sequence;

    long sequence() {
        return sequence;
    }

    long ageNanos() {
        return System.nanoTime() - loadedAt;
    }

    /** Roughly what it holds in memory. */
    long bytes() {
        return values.length + rows * 64L;
    }

    /** Adds vectors saved after {@link #sequence}, in sequence order; an item seen before gets its new vector. */
    void append(List<Row> saved) {
        lock.writeLock().lock();
        try {
            for (Row vector : saved) {
                if (dimensions < 0) {
                    dimensions = vector.vector().dimensions();
                    dots = PackedDot.forDimensions(dimensions);
                }
                if (vector.vector().dimensions() == dimensions) {
                    Integer row = rowOf.get(vector.id());
                    put(row == null ? newRow(vector.id()) : row, vector);
                }
                sequence = Math.max(sequence, vector.sequence());
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private int newRow(String id) {
        if (rows == ids.length) {
            int capacity = Math.max(16, rows + rows / 2);
            values = Arrays.copyOf(values, capacity * dimensions);
            scales = Arrays.copyOf(scales, capacity);
            ids = Arrays.copyOf(ids, capacity);
            groups = Arrays.copyOf(groups, capacity);
            roles = Arrays.copyOf(roles, capacity);
        }
        rowOf.put(id, rows);
        ids[rows] = id;
        return rows++;
    }

    private void put(int row, Row vector) {
        System.arraycopy(vector.vector().values(), 0, values, row * dimensions, dimensions);
        scales[row] = vector.vector().scale();
        groups[row] = vector.group();
        roles[row] = vector.role();
    }

    /**
     * The {@code k} rows most similar to {@code query} (a unit vector), most similar first, among those of
     * {@code group} and {@code role} when given. The query is packed too, so the inner loop is an
     * integer dot product of bytes ({@link PackedDot}: SIMD where the JVM allows).
     */
    List<Scored> nearest(float[] query, String group, Role role, int k) {
        lock.readLock().lock();
        try {
            if (query.length != dimensions || k <= 0) {
                return List.of();
            }
            PackedVector packed = PackedVector.pack(query);
            byte[] q = packed.values();
            PriorityQueue<RowScore> top = new PriorityQueue<>(k, BY_SCORE); // the worst of the best k on top
            for (int row = 0; row < rows; row++) {
                if ((group != null && !group.equals(groups[row])) || (role != null && role != roles[row])) {
                    continue;
                }
                float score = dots.dot(q, values, row * dimensions) * scales[row];
                if (top.size() < k) {
                    top.add(new RowScore(row, score));
                } else if (score > top.peek().score()) {
                    top.poll();
                    top.add(new RowScore(row, score));
                }
            }
            return top.stream().sorted(BY_SCORE.reversed())
                    .map(best -> new Scored(ids[best.row()], (double) best.score() * packed.scale())).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A row and its score before the query's scale is applied. */
    private record RowScore(int row, float score) {
    }
}
