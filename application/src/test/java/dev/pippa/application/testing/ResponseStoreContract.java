package dev.pippa.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.generation.ContextSent;
import dev.pippa.domain.generation.GenerationRequest;
import dev.pippa.domain.generation.Response;
import dev.pippa.domain.generation.ResponseId;
import dev.pippa.domain.generation.ResponseStatus;
import java.time.Instant;
import java.util.Optional;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How every {@link ConversationStore} keeps responses; each store runs it by extending this class. */
public abstract class ResponseStoreContract {

    private static final OwnerId ADA = new OwnerId("ada");
    private static final OwnerId BOB = new OwnerId("bob");
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private ConversationStore store;
    private UseCasesOver useCases;
    private Conversation conversation;
    private Message input;

    /** A new, empty store. */
    protected abstract ConversationStore openStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openStore();
        useCases = new UseCasesOver(store);
        conversation = useCases.createConversation(ADA, new NewConversation("generated", null));
        input = useCases.appendMessage(ADA, conversation.id(), new NewMessage(Role.USER, "Hi?", null));
    }

    private Response queued(GenerationRequest asked) {
        return queued(asked, input);
    }

    private Response queued(GenerationRequest asked, Message answering) {
        return Response.queued(ResponseId.next(TimeOrderedIds.shared()), ADA, conversation.id(), asked,
                answering.id(), NOW);
    }

    private void insert(Response response) {
        store.write(writes -> {
            writes.insertResponse(response);
            return null;
        });
    }

    @Test
    void givenAStoredResponse_whenFound_thenEveryFieldIsKeptAndOnlyItsOwnerSeesIt() {
        Response response = queued(new GenerationRequest("Be brief.", "some-model", 300, 0.25));
        insert(response);

        assertThat(store.findResponse(ADA, response.id())).contains(response);
        assertThat(store.findResponse(BOB, response.id())).isEmpty();
        Optional<Response> answering = store.write(writes -> writes.responseAnswering(ADA, input.id()));
        Optional<Response> answeringBob = store.write(writes -> writes.responseAnswering(BOB, input.id()));
        assertThat(answering).contains(response);
        assertThat(answeringBob).isEmpty();
        Message another = useCases.appendMessage(ADA, conversation.id(), new NewMessage(Role.USER, "And?", null));
        Response bare = queued(new GenerationRequest(null, null, null, null), another);
        insert(bare);
        assertThat(store.findResponse(ADA, bare.id())).contains(bare);
    }

    @Test
    void givenAResponse_whenItRunsAndEnds_thenEachStateIsStoredAndSeenInsideTheTransaction() {
        Response response = queued(new GenerationRequest(null, null, null, null));
        insert(response);
        MessageId output = useCases.appendMessage(ADA, conversation.id(), new NewMessage(Role.ASSISTANT, "Hello.", null)).id();

        Response done = store.write(writes -> {
            Response running = writes.response(ADA, response.id()).orElseThrow().started().withCancelRequested();
            writes.updateResponse(running);
            assertThat(writes.response(ADA, response.id())).contains(running);
            Response finished = running.finished(ResponseStatus.INCOMPLETE, output, new Response.Usage(20, 2),
                    new Response.ResponseError("cancelled", "cancelled \u0000 after two tokens"), NOW.plusSeconds(1))
                    .withContext(new ContextSent(List.of(response.inputMessageId(), output), true,
                            List.of(new ContextSent.Citation(new dev.pippa.domain.file.FileId(
                                    "file_01J00000000000000000000000"), 3)), 321));
            writes.updateResponse(finished);
            return finished;
        });

        assertThat(store.findResponse(ADA, response.id())).contains(done);
        assertThat(done.context().messageIds()).as("kept in order").containsExactly(response.inputMessageId(), output);
    }

    @Test
    void givenAResponse_whenItsConversationIsDeleted_thenItGoesToo() {
        Response response = queued(new GenerationRequest(null, null, null, null));
        insert(response);

        useCases.deleteConversation(ADA, conversation.id());

        assertThat(store.findResponse(ADA, response.id())).isEmpty();
    }

    @Test
    void givenAWriteThatFailsAfterInsertingAResponse_whenRolledBack_thenNoResponseRemains() {
        Response response = queued(new GenerationRequest(null, null, null, null));

        assertThatThrownBy(() -> store.write(writes -> {
            writes.insertResponse(response);
            throw new NotFoundException("message", "the rest of the write failed");
        })).isInstanceOf(NotFoundException.class);

        assertThat(store.findResponse(ADA, response.id())).isEmpty();
    }
}
