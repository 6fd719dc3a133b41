package dev.pippa.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pippa.application.port.in.CreateResponseCommand;
import dev.pippa.application.port.in.GenerationUseCases;
import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.application.testing.InMemoryConversationStore;
import dev.pippa.application.testing.UseCasesOver;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.IdempotencyKey;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import dev.pippa.domain.event.Event;
import dev.pippa.domain.event.EventPosition;
import dev.pippa.domain.event.EventScope;
import dev.pippa.domain.event.EventType;
import dev.pippa.domain.generation.GenerationRequest;
import dev.pippa.domain.generation.Response;
import dev.pippa.domain.generation.ResponseStatus;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What asking for a reply writes, replays and cancels, on the in-memory store. */
class GenerationServiceTest {

    private static final OwnerId ADA = new OwnerId("ada");
    private static final OwnerId BOB = new OwnerId("bob");

    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final GenerationUseCases generation = Services.generation(store, Clock.systemUTC(), MessageJobs.NONE);
    private final ConversationId conversation = new UseCasesOver(store)
            .createConversation(ADA, new NewConversation("c", null)).id();

    private CreateResponseCommand ask(String question, Optional<IdempotencyKey> key) {
        return new CreateResponseCommand(ADA, conversation, new NewMessage(Role.USER, question, Metadata.EMPTY),
                new GenerationRequest("Be brief.", null, 100, null), key);
    }

    @Test
    void givenAQuestion_whenAReplyIsAskedFor_thenTheMessageAQueuedResponseItsJobAndEventsAreWrittenTogether() {
        EventPosition before = store.head();

        Response response = generation.createResponse(ask("Where to?", Optional.empty()));

        assertThat(response.status()).isEqualTo(ResponseStatus.QUEUED);
        assertThat(store.findMessage(ADA, conversation, response.inputMessageId()).orElseThrow().content())
                .isEqualTo("Where to?");
        assertThat(store.queuedJobs()).anySatisfy(job -> {
            assertThat(job.kind()).isEqualTo(GenerationService.GENERATE_RESPONSE);
            assertThat(job.messageId()).isEqualTo(response.inputMessageId());
        });
        assertThat(store.eventsAfter(EventScope.owner(ADA), before, 10)).extracting(Event::type)
                .containsExactly(EventType.MESSAGE_CREATED, EventType.RESPONSE_CREATED);
        assertThat(generation.getResponse(ADA, response.id())).isEqualTo(response);
    }

    @Test
    void givenAnIdempotencyKey_whenTheSameAskIsRepeated_thenTheSameResponseAndNoSecondGeneration() {
        Optional<IdempotencyKey> key = Optional.of(new IdempotencyKey("ask-1"));
        Response first = generation.createResponse(ask("Where to?", key));
        int jobs = store.queuedJobs().size();

        Response again = generation.createResponse(ask("Where to?", key));

        assertThat(again).isEqualTo(first);
        assertThat(store.queuedJobs()).hasSize(jobs);
        assertThatThrownBy(() -> generation.createResponse(ask("Somewhere else?", key)))
                .as("the same key for another ask").isInstanceOf(dev.pippa.domain.InvalidInputException.class);
    }

    @Test
    void givenAnotherOwner_whenTheyAskOrLook_thenNotFound() {
        Response response = generation.createResponse(ask("Mine", Optional.empty()));

        assertThatThrownBy(() -> generation.getResponse(BOB, response.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> generation.cancelResponse(BOB, response.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> generation.createResponse(new CreateResponseCommand(BOB, conversation,
                new NewMessage(Role.USER, "Yours?", Metadata.EMPTY), new GenerationRequest(null, null, null, null),
                Optional.empty()))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void givenResponsesInEachState_whenCancelled_thenQueuedEndsRunningIsAskedToStopAndFinishedStays() {
        Response queued = generation.createResponse(ask("one", Optional.empty()));
        Response cancelled = generation.cancelResponse(ADA, queued.id());
        assertThat(cancelled.status()).isEqualTo(ResponseStatus.CANCELLED);
        assertThat(generation.cancelResponse(ADA, queued.id())).as("finished stays").isEqualTo(cancelled);

        Response running = generation.createResponse(ask("two", Optional.empty()));
        store.write(tx -> {
            tx.updateResponse(running.started());
            return null;
        });
        Response asked = generation.cancelResponse(ADA, running.id());
        assertThat(asked.status()).isEqualTo(ResponseStatus.IN_PROGRESS);
        assertThat(asked.cancelRequested()).isTrue();
    }
}
