package dev.pippa.application.service;

import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;

/**
 * The owners' vectors of one model and one kind (messages, or file chunks), held in memory for the owners
 * searched lately (least recently searched dropped first, within a memory budget) and brought up to date on
 * each search: one indexed query for the store's last sequence, and only the vectors saved since. Vectors
 * of deleted items may linger until the owner's set is reloaded ({@link #RELOAD_AFTER}); searches drop
 * them when the item is not found.
 * Behind this class an approximate index (HNSW, IVF) could replace the brute-force scan without changing
 * its callers.
 */
final class VectorIndex {

    static final Duration RELOAD_AFTER = Duration.ofMinutes(10);

    private final ToLongFunction<OwnerId> lastSequence;
    private final BiFunction<OwnerId, Long, List<OwnerVectors.Row>> rowsAfter;
    private final long budgetBytes;
    private final Map<OwnerId, OwnerVectors> owners = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param lastSequence the largest sequence of an owner's stored vectors (0: none)
     * @param rowsAfter    an owner's vectors saved after a sequence, by sequence
     */
    VectorIndex(ToLongFunction<OwnerId> lastSequence, BiFunction<OwnerId, Long, List<OwnerVectors.Row>> rowsAfter,
                long budgetBytes) {
        this.lastSequence = lastSequence;
        this.rowsAfter = rowsAfter;
        this.budgetBytes = budgetBytes;
    }

    List<OwnerVectors.Scored> nearest(OwnerId owner, float[] query, String group, Role role, int k) {
        return current(owner).nearest(query, group, role, k);
    }

    private OwnerVectors current(OwnerId owner) {
        long last = lastSequence.applyAsLong(owner);
        OwnerVectors vectors;
        synchronized (owners) {
            vectors = owners.get(owner);
            if (vectors == null || vectors.ageNanos() > RELOAD_AFTER.toNanos()) {
                vectors = new OwnerVectors();
                owners.put(owner, vectors);
            }
        }
        synchronized (vectors) {
            if (vectors.sequence() < last) {
                vectors.append(rowsAfter.apply(owner, vectors.sequence()));
            }
        }
        evictBeyondBudget(owner);
        return vectors;
    }

    private void evictBeyondBudget(OwnerId keep) {
        synchronized (owners) {
            long total = owners.values().stream().mapToLong(OwnerVectors::bytes).sum();
            var eldest = owners.entrySet().iterator();
            while (total > budgetBytes && eldest.hasNext()) {
                var entry = eldest.next();
                if (!entry.getKey().equals(keep)) {
                    total -= entry.getValue().bytes();
                    eldest.remove();
                }
            }
        }
    }
}
