package dev.pippa.application.service;

import dev.pippa.application.port.out.PackedVector;
import dev.pippa.domain.Role;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
            TopK top = new TopK(k);
            for (int row = 0; row < rows; row++) {
                if ((group != null && !group.equals(groups[row])) || (role != null && role != roles[row])) {
                    continue;
                }
                top.offer(row, dots.dot(q, values, row * dimensions) * scales[row]);
            }
            return top.sorted(packed.scale(), ids);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The k best rows seen, in a min-heap on score (the worst of them on top, to be replaced). */
    private static final class TopK {
        private final int[] rows;
        private final float[] scores;
        private int size;

        TopK(int k) {
            rows = new int[k];
            scores = new float[k];
        }

        void offer(int row, float score) {
            if (size < rows.length) {
                rows[size] = row;
                scores[size] = score;
                up(size++);
            } else if (score > scores[0]) {
                rows[0] = row;
                scores[0] = score;
                down(0);
            }
        }

        private void up(int at) {
            while (at > 0 && scores[(at - 1) / 2] > scores[at]) {
                swap(at, (at - 1) / 2);
                at = (at - 1) / 2;
            }
        }

        private void down(int at) {
            while (true) {
                int smallest = at;
                for (int child = 2 * at + 1; child <= 2 * at + 2 && child < size; child++) {
                    if (scores[child] < scores[smallest]) {
                        smallest = child;
                    }
                }
                if (smallest == at) {
                    return;
                }
                swap(at, smallest);
                at = smallest;
            }
        }

        private void swap(int a, int b) {
            int row = rows[a];
            rows[a] = rows[b];
            rows[b] = row;
            float score = scores[a];
            scores[a] = scores[b];
            scores[b] = score;
        }

        List<Scored> sorted(float queryScale, String[] ids) {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
            return Arrays.stream(order).map(i -> new Scored(ids[rows[i]], (double) scores[i] * queryScale)).toList();
        }
    }
}
