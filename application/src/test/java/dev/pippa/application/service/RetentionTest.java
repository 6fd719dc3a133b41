package dev.pippa.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.application.testing.InMemoryConversationStore;
import dev.pippa.application.testing.MutableClock;
import dev.pippa.application.testing.UseCasesOver;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import dev.pippa.domain.event.Event;
import dev.pippa.domain.event.EventPosition;
import dev.pippa.domain.event.EventScope;
import dev.pippa.domain.event.EventType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Retention with a clock this test controls: what expires, what stays, in batches, as a deletion would. */
class RetentionTest {

    private static final OwnerId ADA = new OwnerId("ada");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final UseCasesOver useCases = new UseCasesOver(store, clock, MessageJobs.NONE);
    private final Retention retention = new Retention(store, Duration.ofDays(30), clock);

    @Test
    void givenConversationsOfDifferentAges_whenRetentionRuns_thenOnlyThoseIdleLongerThanTheRetentionGo() {
        Conversation idle = useCases.createConversation(ADA, new NewConversation("idle", null));
        Conversation busy = useCases.createConversation(ADA, new NewConversation("busy", null));
        clock.advance(Duration.ofDays(29));
        useCases.appendMessage(ADA, busy.id(), new NewMessage(Role.USER, "still talking", Metadata.EMPTY));
        clock.advance(Duration.ofDays(2));
        EventPosition before = store.head();

        assertThat(retention.deleteExpired(100)).isEqualTo(1);

        assertThat(store.findConversation(ADA, idle.id())).isEmpty();
        assertThat(store.findConversation(ADA, busy.id())).isPresent();
        assertThat(store.eventsAfter(EventScope.owner(ADA), before, 10)).extracting(Event::type)
                .as("deleted as its owner would delete it").containsExactly(EventType.CONVERSATION_DELETED);
        assertThat(retention.deleteExpired(100)).as("nothing more is due").isZero();
    }

    @Test
    void givenMoreExpiredThanABatch_whenRetentionRuns_thenEachRunDeletesAtMostABatch() {
        for (int i = 0; i < 5; i++) {
            useCases.createConversation(ADA, new NewConversation("old " + i, null));
        }
        clock.advance(Duration.ofDays(31));

        assertThat(retention.deleteExpired(2)).isEqualTo(2);
        assertThat(retention.deleteExpired(2)).isEqualTo(2);
        assertThat(retention.deleteExpired(2)).isEqualTo(1);
        assertThat(retention.deleteExpired(2)).isZero();
    }
}
