package dev.pippa.application.service;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.OwnerId;
import java.util.List;

/**
 * A conversation's messages related in meaning to a text, most related first: what a generation recalls
 * from beyond its window of latest messages. {@link #NONE} without embeddings.
 */
@FunctionalInterface
public interface Recall {

    Recall NONE = (owner, conversation, text, limit) -> List.of();

    List<Message> related(OwnerId owner, ConversationId conversation, String text, int limit);
}
