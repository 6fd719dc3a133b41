package dev.pippa.application.service;

import dev.pippa.application.port.in.ImportUseCases;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.DomainException;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.event.EventType;
import dev.pippa.domain.event.NewEvent;
import dev.pippa.domain.job.NewJob;
import dev.pippa.domain.transfer.ImportedConversation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Imports conversations as the reader yields them. Each becomes a new conversation with new ids (ids
 * grow in commit order, which keeps paging exact) and its original times, written with its messages, its
 * jobs (index, summary) and one {@code conversation.created} event in one transaction, together with a
 * record of its source, so the same file imported again creates nothing.
 */
final class ImportService implements ImportUseCases {

    private final ConversationStore store;
    private final WriteClock clock;
    private final MessageJobs jobs;
    private final TimeOrderedIds ids = TimeOrderedIds.shared();

    ImportService(ConversationStore store, Clock clock, MessageJobs jobs) {
        this.store = store;
        this.clock = new WriteClock(clock);
        this.jobs = jobs;
    }

    @Override
    public Report importConversations(OwnerId owner, Iterator<Item> items) {
        long conversations = 0;
        long messages = 0;
        long skipped = 0;
        long already = 0;
        List<Report.Problem> errors = new ArrayList<>();
        while (items.hasNext()) {
            Item item = items.next();
            if (item instanceof Unreadable unreadable) {
                errors.add(new Report.Problem(unreadable.position(), unreadable.why()));
                continue;
            }
            ImportedConversation imported = ((Parsed) item).conversation();
            try {
                if (store(owner, imported)) {
                    conversations++;
                    messages += imported.messages().size();
                    skipped += imported.skippedParts();
                } else {
                    already++;
                }
            } catch (DomainException e) {
                errors.add(new Report.Problem(item.position(), e.getMessage()));
            }
        }
        return new Report(conversations, messages, skipped, already, errors);
    }

    /** False when this source's conversation was imported before. */
    private boolean store(OwnerId owner, ImportedConversation imported) {
        return store.write(tx -> {
            if (tx.importedAs(owner, imported.source(), imported.sourceId()).isPresent()) {
                return false;
            }
            ConversationId id = ConversationId.next(ids);
            List<ImportedConversation.Message> messages = imported.messages();
            tx.insertConversation(new Conversation(id, owner, Conversation.normaliseTitle(imported.title()),
                    imported.metadata(), messages.size(), imported.createdAt(), imported.updatedAt(), 1, null,
                    imported.archived(), imported.pinned()));
            List<NewJob> caused = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                ImportedConversation.Message each = messages.get(i);
                Message stored = each.message().storedAs(MessageId.next(ids), id, each.createdAt());
                Message message = each.editedAt() == null ? stored : stored.edited(null, null, each.editedAt());
                tx.insertMessage(message);
                caused.addAll(jobs.jobsFor(owner, message, i + 1));
            }
            tx.enqueueJobs(caused, clock.now());
            tx.rememberImport(owner, imported.source(), imported.sourceId(), id);
            tx.recordEvents(List.of(NewEvent.about(EventType.CONVERSATION_CREATED, owner, id)), clock.now());
            return true;
        });
    }
}
