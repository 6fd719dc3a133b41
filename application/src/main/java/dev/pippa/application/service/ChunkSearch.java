package dev.pippa.application.service;

import dev.pippa.application.port.out.FileStore;
import dev.pippa.application.port.out.FileStore.ChunkRef;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.SearchHit;
import dev.pippa.domain.file.FileId;
import dev.pippa.domain.file.StoredFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Search by meaning through the chunks of an owner's files: all of them, or those attached to one
 * conversation. Exact scoring over the owner's chunk vectors in memory ({@link VectorIndex}).
 */
final class ChunkSearch {

    private final FileStore files;
    private final VectorIndex chunks;

    ChunkSearch(FileStore files, String model, long cacheBytes) {
        this.files = files;
        this.chunks = new VectorIndex(owner -> files.lastChunkSequence(owner, model),
                (owner, after) -> files.chunksAfter(owner, model, after).stream().map(chunk -> new OwnerVectors.Row(
                        chunk.sequence(), ref(chunk.file(), chunk.position()), chunk.file().value(), null,
                        chunk.vector())).toList(), cacheBytes);
    }

    /**
     * The {@code k} chunks closest to {@code query}, most similar first: of the files attached to
     * {@code conversation}, or of all the owner's files when it is null.
     */
    List<SearchHit> nearest(OwnerId owner, float[] query, ConversationId conversation, int k) {
        List<SearchHit> hits = new ArrayList<>(k);
        for (Found found : found(owner, query, conversation, k)) {
            FileStore.Chunk chunk = found.chunk();
            hits.add(new SearchHit(null, new SearchHit.FileHit(chunk.file(), chunk.fileName(), chunk.position()),
                    HybridSearch.snippet(chunk.text()), found.similarity(), new SearchHit.Scores(null, found.similarity())));
        }
        return hits;
    }

    /** The chunks of the conversation's attached files at least {@code minSimilarity} close, most similar first. */
    List<FileStore.Chunk> passages(OwnerId owner, float[] query, ConversationId conversation, int k,
                                   double minSimilarity) {
        return found(owner, query, conversation, k).stream().filter(found -> found.similarity() >= minSimilarity)
                .map(Found::chunk).toList();
    }

    private record Found(FileStore.Chunk chunk, double similarity) {
    }

    private List<Found> found(OwnerId owner, float[] query, ConversationId conversation, int k) {
        List<OwnerVectors.Scored> scored = new ArrayList<>();
        if (conversation == null) {
            scored.addAll(chunks.nearest(owner, query, null, null, k));
        } else {
            for (StoredFile file : files.attached(owner, conversation)) {
                scored.addAll(chunks.nearest(owner, query, file.id().value(), null, k));
            }
            scored.sort(Comparator.comparingDouble(OwnerVectors.Scored::similarity).reversed());
        }
        List<OwnerVectors.Scored> top = scored.subList(0, Math.min(k, scored.size()));
        Map<String, FileStore.Chunk> texts = files.chunks(owner, top.stream().map(ChunkSearch::parse).toList())
                .stream().collect(Collectors.toMap(chunk -> ref(chunk.file(), chunk.position()), Function.identity()));
        List<Found> found = new ArrayList<>(top.size());
        for (OwnerVectors.Scored each : top) {
            FileStore.Chunk chunk = texts.get(each.id());
            if (chunk != null) { // deleted since its vector was read
                found.add(new Found(chunk, each.similarity()));
            }
        }
        return found;
    }

    private static String ref(FileId file, int position) {
        return file.value() + "#" + position;
    }

    private static ChunkRef parse(OwnerVectors.Scored scored) {
        int hash = scored.id().lastIndexOf('#');
        return new ChunkRef(new FileId(scored.id().substring(0, hash)), Integer.parseInt(scored.id().substring(hash + 1)));
    }
}
