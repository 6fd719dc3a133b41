package dev.pippa.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A partial update: an empty optional leaves the field alone; a present empty title removes the title.
 * With {@code expectedVersion} set the update only applies to that version (optimistic concurrency).
 */
public record ConversationPatch(Optional<String> title, Optional<Metadata> metadata, OptionalLong expectedVersion) {

    public ConversationPatch {
        Check.notNull("title", title);
        Check.notNull("metadata", metadata);
        Check.notNull("expected_version", expectedVersion);
        title.ifPresent(Conversation::normaliseTitle);
    }

    public static ConversationPatch of(Optional<String> title, Optional<Metadata> metadata) {
        return new ConversationPatch(title, metadata, OptionalLong.empty());
    }

    public ConversationPatch ifVersion(long version) {
        return new ConversationPatch(title, metadata, OptionalLong.of(version));
    }

    public Conversation applyTo(Conversation current, Instant now) {
        return new Conversation(current.id(), current.owner(),
                title.isPresent() ? title.get() : current.title(),
                metadata.orElse(current.metadata()),
                current.messageCount(), current.createdAt(), now, current.version() + 1, current.forkedFrom());
    }

    /** Throws {@link ConflictException} when an expected version is set and differs from the current one. */
    public void checkVersion(Conversation current) {
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current.version()) {
            throw new ConflictException("conversation", current.id().value(),
                    expectedVersion.getAsLong(), current.version());
        }
    }
}
