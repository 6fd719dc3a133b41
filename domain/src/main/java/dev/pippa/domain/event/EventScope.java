package dev.pippa.domain.event;

import dev.pippa.domain.Check;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.OwnerId;

/**
 * Whose events a reader asks for: every owner's (a node's live feed), one owner's, or one conversation's.
 *
 * @param owner        null for every owner
 * @param conversation null for every conversation of the owner
 */
public record EventScope(OwnerId owner, ConversationId conversation) {

    public static final EventScope EVERYONE = new EventScope(null, null);

    public EventScope {
        if (conversation != null) {
            Check.notNull("owner", owner);
        }
    }

    public static EventScope owner(OwnerId owner) {
        return new EventScope(Check.notNull("owner", owner), null);
    }

    public static EventScope conversation(OwnerId owner, ConversationId conversation) {
        return new EventScope(owner, Check.notNull("conversation", conversation));
    }

    public boolean includes(Event event) {
        return (owner == null || owner.equals(event.owner()))
                && (conversation == null || conversation.equals(event.conversationId()));
    }
}
