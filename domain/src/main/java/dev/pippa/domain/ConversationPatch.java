package dev.pippa.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A partial update: an empty optional leaves the field alone; a present empty title removes the title.
 * With {@code expectedVersion} set the update only applies to that version (optimistic concurrency).
 */
public record ConversationPatch(Optional<String> title, Optional<Metadata> metadata, Optional<Boolean> archived,
                                Optional<Boolean> pinned, OptionalLong expectedVersion) {

    public ConversationPatch {
        Check.notNull("title", title);
        Check.notNull("metadata", metadata);
        Check.notNull("archived", archived);
        Check.notNull("pinned", pinned);
        Check.notNull("expected_version", expectedVersion);
        title.ifPresent(Conversation::normaliseTitle);
    }

    public static ConversationPatch of(Optional<String> title, Optional<Metadata> metadata) {
        return new ConversationPatch(title, metadata, Optional.empty(), Optional.empty(), OptionalLong.empty());
    }

    /** Archives (true) or restores (false) it, leaving the rest alone. */
    public static ConversationPatch archive(boolean archived) {
        return new ConversationPatch(Optional.empty(), Optional.empty(), Optional.of(archived), Optional.empty(),
                OptionalLong.empty());
    }

    /** Pins (true) or unpins (false) it, leaving the rest alone. */
    public static ConversationPatch pin(boolean pinned) {
        return new ConversationPatch(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(pinned),
                OptionalLong.empty());
    }

    public ConversationPatch ifVersion(long version) {
        return new ConversationPatch(title, metadata, archived, pinned, OptionalLong.of(version));
    }

    /** Any change, archiving and pinning included, is activity: the version grows and {@code updatedAt} is now. */
    public Conversation applyTo(Conversation current, Instant now) {
        return new Conversation(current.id(), current.owner(),
                title.isPresent() ? title.get() : current.title(),
                metadata.orElse(current.metadata()),
                current.messageCount(), current.createdAt(), now, current.version() + 1, current.forkedFrom(),
                archived.orElse(current.archived()), pinned.orElse(current.pinned()));
    }

    /** Throws {@link ConflictException} when an expected version is set and differs from the current one. */
    public void checkVersion(Conversation current) {
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current.version()) {
            throw new ConflictException("conversation", current.id().value(),
                    expectedVersion.getAsLong(), current.version());
        }
    }
}
