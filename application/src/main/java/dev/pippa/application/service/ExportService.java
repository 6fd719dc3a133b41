package dev.pippa.application.service;

import dev.pippa.application.port.in.ExportUseCases;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationFilter;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.PageCursor;
import dev.pippa.domain.SortOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Exports by keyset pages: messages by id (stable while others are appended), so memory stays at one page
 * whatever the size. The list of conversations is taken first, as ids only (about 40 bytes each), because
 * activity order moves under a long export: a conversation written to meanwhile would otherwise be read
 * twice or not at all.
 */
final class ExportService implements ExportUseCases {

    static final int PAGE = 500;

    private final ConversationStore store;

    ExportService(ConversationStore store) {
        this.store = store;
    }

    @Override
    public void exportConversation(OwnerId owner, ConversationId id, Sink sink) {
        Conversation conversation = store.findConversation(owner, id)
                .orElseThrow(() -> new NotFoundException(ConversationService.RESOURCE, id.value()));
        export(conversation, sink);
    }

    @Override
    public void exportAll(OwnerId owner, Sink sink) {
        for (ConversationId id : conversationIds(owner)) {
            Optional<Conversation> conversation = store.findConversation(owner, id);
            conversation.ifPresent(found -> export(found, sink));
        }
    }

    private List<ConversationId> conversationIds(OwnerId owner) {
        List<ConversationId> ids = new ArrayList<>();
        PageCursor after = null;
        List<Conversation> page;
        do {
            page = store.listConversations(owner, ConversationFilter.ALL, after, SortOrder.ASC, PAGE);
            page.forEach(conversation -> ids.add(conversation.id()));
            after = page.isEmpty() ? null : PageCursor.after(page.getLast(), SortOrder.ASC);
        } while (page.size() == PAGE);
        return ids;
    }

    private void export(Conversation conversation, Sink sink) {
        sink.conversation(conversation);
        MessageId after = null;
        List<Message> page;
        do {
            page = store.listMessages(conversation.owner(), conversation.id(), after, SortOrder.ASC, PAGE);
            page.forEach(sink::message);
            after = page.isEmpty() ? null : page.getLast().id();
        } while (page.size() == PAGE);
    }
}
