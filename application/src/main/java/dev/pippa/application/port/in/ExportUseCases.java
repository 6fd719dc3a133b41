package dev.pippa.application.port.in;

import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.OwnerId;

/**
 * A user's conversations handed over piece by piece, for export: however large they are, only a page of
 * messages is held at a time.
 */
public interface ExportUseCases {

    /** Receives a conversation, then its messages oldest first, then the next conversation. */
    interface Sink {
        void conversation(Conversation conversation);

        void message(Message message);
    }

    /**
     * One conversation and its messages.
     *
     * @throws dev.pippa.domain.NotFoundException before anything reaches the sink, when the owner has no such
     *                                            conversation
     */
    void exportConversation(OwnerId owner, ConversationId id, Sink sink);

    /**
     * Every conversation the owner had when the export began, least recently active first (one deleted
     * meanwhile is left out; messages added meanwhile may be included).
     */
    void exportAll(OwnerId owner, Sink sink);
}
