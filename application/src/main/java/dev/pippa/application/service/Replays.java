package dev.pippa.application.service;

import dev.pippa.application.port.out.ConversationWrites;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.OwnerId;
import java.time.Instant;
import java.util.Optional;

/** Idempotent replay, decided in the write's own transaction so two retries cannot both go ahead. */
final class Replays {

    private Replays() {
    }

    /**
     * The id of what the first request with this key created, to answer with instead of writing again;
     * empty when the write should go ahead.
     *
     * @throws dev.pippa.domain.InvalidInputException when the key was first used for a different request
     */
    static Optional<String> replayed(ConversationWrites tx, OwnerId owner, Optional<Idempotent> request, Instant now) {
        return request.flatMap(key -> key.replayedResourceId(tx.rememberedKey(owner, key.key()), now));
    }
}
