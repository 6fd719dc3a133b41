package dev.pippa.application.service;

import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.port.out.FileStore;
import dev.pippa.application.port.out.MessageSearch;
import dev.pippa.application.port.out.VectorStore;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.SearchHit;
import dev.pippa.domain.SearchMode;
import dev.pippa.domain.SearchQuery;
import dev.pippa.domain.SearchSource;
import dev.pippa.domain.SortOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Search in the three modes over the keyword index and, when embeddings are on, the message vectors:
 * keyword (the index as it is), semantic (cosine similarity, exact) and hybrid (the two rankings fused by
 * reciprocal rank, k = 60). Indexing a message also embeds it, so both follow every new or edited message
 * in the same background job.
 */
public final class HybridSearch implements MessageSearch, Recall {

    /** Reciprocal rank fusion's constant: damps the weight of the very top ranks (Cormack et al. 2009). */
    static final int RRF_K = 60;
    /** How many of each ranking hybrid fuses, and how far semantic results go. */
    static final int CANDIDATES = 100;
    static final int MAX_SEMANTIC_RESULTS = 1000;
    /** Below this cosine similarity a message is not recalled into a generation's context. */
    static final double MIN_RECALL_SIMILARITY = 0.3;
    private static final int SNIPPET_CHARACTERS = 200;

    private final MessageSearch keyword;
    private final ConversationStore conversations;
    private final MessageEmbeddings embeddings; // null when embeddings are off
    private final VectorIndex vectors;
    private final ChunkSearch chunks; // null when embeddings are off

    /**
     * @param files       the uploaded files' chunks, searched with {@code sources=files}
     * @param embeddings  null when embeddings are off: keyword search of messages only
     * @param cacheBytes  how much memory the vectors of recently searched owners may hold (each kind)
     */
    public HybridSearch(MessageSearch keyword, ConversationStore conversations, VectorStore store, FileStore files,
                        MessageEmbeddings embeddings, long cacheBytes) {
        this.keyword = keyword;
        this.conversations = conversations;
        this.embeddings = embeddings;
        this.vectors = embeddings == null ? null : messageVectors(store, embeddings.model(), cacheBytes);
        this.chunks = embeddings == null ? null : new ChunkSearch(files, embeddings.model(), cacheBytes);
    }

    private static VectorIndex messageVectors(VectorStore store, String model, long cacheBytes) {
        return new VectorIndex(owner -> store.lastSequence(owner, model),
                (owner, after) -> store.vectorsAfter(owner, model, after).stream().map(vector -> new OwnerVectors.Row(
                        vector.sequence(), vector.id().value(), vector.conversationId().value(), vector.role(),
                        vector.vector())).toList(), cacheBytes);
    }

    @Override
    public void indexMessages(List<MessageId> messageIds) {
        keyword.indexMessages(messageIds);
        if (embeddings != null) {
            embeddings.embed(messageIds);
        }
    }

    @Override
    public Page<SearchHit> search(OwnerId owner, SearchQuery query) {
        SearchMode mode = query.mode() != null ? query.mode() : embeddings != null ? SearchMode.HYBRID : SearchMode.KEYWORD;
        if (mode != SearchMode.KEYWORD && embeddings == null) {
            throw new InvalidInputException("mode", mode.wireName() + " search needs embeddings, which are off on"
                    + " this server: set PIPPA_EMBEDDINGS=minilm (see docs/search.md)");
        }
        if (query.searches(SearchSource.FILES) && mode == SearchMode.KEYWORD) {
            throw new InvalidInputException("sources", "files are searched by meaning: use mode=semantic or"
                    + " mode=hybrid" + (embeddings == null ? ", with embeddings on (PIPPA_EMBEDDINGS)" : ""));
        }
        SearchQuery chosen = query.inMode(mode);
        return switch (mode) {
            case KEYWORD -> keyword.search(owner, chosen);
            case SEMANTIC -> page(owner, chosen, semantic(owner, chosen, MAX_SEMANTIC_RESULTS));
            case HYBRID -> page(owner, chosen, hybrid(owner, chosen));
        };
    }

    /**
     * The conversation's messages, and passages of its attached files, closest in meaning to the question
     * (embedded once for both), if similar enough; nothing without embeddings.
     */
    @Override
    public Recalled recall(OwnerId owner, ConversationId conversation, String question, int messages, int passages) {
        if (embeddings == null || question.isBlank()) {
            return new Recalled(List.of(), List.of());
        }
        float[] meaning = embeddings.embedQuery(question);
        SearchQuery query = new SearchQuery(question.length() > SearchQuery.MAX_LENGTH ? question.substring(0,
                SearchQuery.MAX_LENGTH) : question, conversation, null, PageRequest.first(messages, SortOrder.ASC),
                SearchMode.SEMANTIC);
        return new Recalled(messages(owner, meaning, query, messages + 1).stream()
                .filter(hit -> hit.score() >= MIN_RECALL_SIMILARITY).map(SearchHit::message).toList(),
                chunks.passages(owner, meaning, conversation, passages, MIN_RECALL_SIMILARITY));
    }

    /** The page the query asks for out of all {@code ranked} results. */
    private static Page<SearchHit> page(OwnerId owner, SearchQuery query, List<SearchHit> ranked) {
        long offset = query.offset(owner);
        int from = (int) Math.min(offset, ranked.size());
        int to = (int) Math.min(offset + query.page().limit() + 1, ranked.size());
        return Page.ofSearchHits(ranked.subList(from, to), owner, query, offset);
    }

    /** The messages and file chunks the query searches, closest in meaning first, at most {@code depth}. */
    private List<SearchHit> semantic(OwnerId owner, SearchQuery query, int depth) {
        float[] meaning = embeddings.embedQuery(query.text());
        List<SearchHit> hits = new ArrayList<>();
        if (query.searches(SearchSource.MESSAGES)) {
            hits.addAll(messages(owner, meaning, query, depth));
        }
        if (query.searches(SearchSource.FILES)) {
            hits.addAll(chunks.nearest(owner, meaning, query.conversationId(), depth));
            hits.sort(Comparator.comparingDouble(SearchHit::score).reversed());
        }
        return hits.subList(0, Math.min(depth, hits.size()));
    }

    private List<SearchHit> messages(OwnerId owner, float[] meaning, SearchQuery query, int depth) {
        var nearest = vectors.nearest(owner, meaning, query.conversationId() == null ? null
                : query.conversationId().value(), query.role(), depth);
        Map<MessageId, Message> found = messages(owner, nearest.stream()
                .map(scored -> new MessageId(scored.id())).toList());
        List<SearchHit> hits = new ArrayList<>(nearest.size());
        for (OwnerVectors.Scored scored : nearest) {
            Message message = found.get(new MessageId(scored.id()));
            if (message != null) { // deleted since its vector was read
                hits.add(new SearchHit(message, snippet(message.content()), scored.similarity(),
                        new SearchHit.Scores(null, scored.similarity())));
            }
        }
        return hits;
    }

    /** Both rankings' top {@link #CANDIDATES}, fused: each hit scores the sum of 1 / (k + its rank) in each. */
    private List<SearchHit> hybrid(OwnerId owner, SearchQuery query) {
        List<SearchHit> byWords = List.of();
        try {
            if (query.searches(SearchSource.MESSAGES)) {
                byWords = keyword.search(owner, new SearchQuery(query.text(), query.conversationId(), query.role(),
                        query.page(), SearchMode.KEYWORD).firstPage(CANDIDATES)).items();
            }
        } catch (InvalidInputException notKeywordSyntax) {
            byWords = List.of(); // a question in plain words is still a fine semantic query
        }
        List<SearchHit> byMeaning = semantic(owner, query, CANDIDATES);
        Map<String, Double> fused = new HashMap<>();
        Map<String, SearchHit> wordHits = index(byWords);
        Map<String, SearchHit> meaningHits = index(byMeaning);
        addRanks(fused, byWords);
        addRanks(fused, byMeaning);
        return fused.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .map(entry -> {
                    SearchHit words = wordHits.get(entry.getKey());
                    SearchHit meaning = meaningHits.get(entry.getKey());
                    SearchHit shown = words != null ? words : meaning;
                    return new SearchHit(shown.message(), shown.file(), shown.snippet(), entry.getValue(),
                            new SearchHit.Scores(words == null ? null : words.score(),
                                    meaning == null ? null : meaning.score()));
                })
                .toList();
    }

    private static void addRanks(Map<String, Double> fused, List<SearchHit> ranking) {
        for (int rank = 0; rank < ranking.size(); rank++) {
            fused.merge(ranking.get(rank).id(), 1.0 / (RRF_K + rank + 1), Double::sum);
        }
    }

    private static Map<String, SearchHit> index(List<SearchHit> hits) {
        return hits.stream().collect(Collectors.toMap(SearchHit::id, Function.identity(),
                (first, second) -> first, LinkedHashMap::new));
    }

    private Map<MessageId, Message> messages(OwnerId owner, List<MessageId> ids) {
        return conversations.findMessages(owner, ids).stream()
                .collect(Collectors.toMap(Message::id, Function.identity()));
    }

    /** The start of the content: a semantic match has no matched words to show. */
    static String snippet(String content) {
        if (content.codePointCount(0, content.length()) <= SNIPPET_CHARACTERS) {
            return content;
        }
        return content.substring(0, content.offsetByCodePoints(0, SNIPPET_CHARACTERS)) + "…";
    }
}
