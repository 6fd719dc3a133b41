package dev.pippa.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pippa.application.port.in.CreateResponseCommand;
import dev.pippa.application.port.in.GenerationUseCases;
import dev.pippa.application.port.out.ChatModel;
import dev.pippa.application.port.out.ChatModelException;
import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.application.port.out.SummaryStore;
import dev.pippa.application.port.out.TokenCounter;
import dev.pippa.application.testing.InMemoryConversationStore;
import dev.pippa.application.testing.NoSummaries;
import dev.pippa.application.testing.UseCasesOver;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.Summary;
import dev.pippa.domain.event.Event;
import dev.pippa.domain.event.EventPosition;
import dev.pippa.domain.event.EventScope;
import dev.pippa.domain.event.EventType;
import dev.pippa.domain.event.NewEvent;
import dev.pippa.domain.generation.GenerationRequest;
import dev.pippa.domain.generation.Response;
import dev.pippa.domain.generation.ResponseStatus;
import dev.pippa.domain.job.NewJob;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The worker side of generation against a scripted model, on the in-memory store. */
class GeneratorTest {

    private static final OwnerId ADA = new OwnerId("ada");
    private static final TokenCounter WORDS = text -> text.isBlank() ? 0 : text.strip().split("\\s+").length;
    private static final SummaryStore NO_SUMMARIES = new NoSummaries();

    /** A model that plays a script, and remembers what it was sent. */
    private static final class ScriptedModel implements ChatModel {
        final List<Request> sent = new ArrayList<>();
        final List<Script> scripts = new ArrayList<>();

        interface Script {
            Completion play(Consumer<String> onDelta);
        }

        @Override
        public Completion stream(Request request, Consumer<String> onDelta) {
            sent.add(request);
            return scripts.removeFirst().play(onDelta);
        }
    }

    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final ScriptedModel model = new ScriptedModel();
    private final Generator generator = new Generator(store, NO_SUMMARIES, model, WORDS,
            new Generator.Settings("default-model", "Be helpful.", 1_000, 50, 8, Duration.ofSeconds(30),
                    Duration.ofMinutes(5)),
            MessageJobs.NONE, Clock.systemUTC());
    private final GenerationUseCases generation = Services.generation(store, Clock.systemUTC(), MessageJobs.NONE);
    private final UseCasesOver conversations = new UseCasesOver(store);
    private final ConversationId conversation = conversations.createConversation(ADA, new NewConversation("c", null)).id();

    private Response ask(String question) {
        return generation.createResponse(new CreateResponseCommand(ADA, conversation,
                new NewMessage(Role.USER, question, Metadata.EMPTY), new GenerationRequest(null, null, 64, null),
                Optional.empty()));
    }

    private void run(Response response) {
        generator.generate(new NewJob(GenerationService.GENERATE_RESPONSE, ADA, conversation, response.inputMessageId()));
    }

    private static ScriptedModel.Script tokens(String... pieces) {
        return onDelta -> {
            for (String piece : pieces) {
                onDelta.accept(piece);
            }
            return new ChatModel.Completion("cmpl-1", "stub-model", "stop", new ChatModel.Usage(30, pieces.length));
        };
    }

    private List<Message> messages() {
        return store.listMessages(ADA, conversation, null, SortOrder.ASC, 100);
    }

    private String streamedSince(EventPosition before) {
        return store.eventsAfter(EventScope.conversation(ADA, conversation), before, 100).stream()
                .filter(event -> event instanceof Event.ResponseDelta)
                .map(event -> ((Event.ResponseDelta) event).delta()).reduce("", String::concat);
    }

    @Test
    void givenTheFirstText_whenItArrives_thenItIsWrittenAtOnceNotHeldForABatch() {
        Response asked = ask("Hello?");
        EventPosition before = store.head();
        List<String> seenByReaders = new ArrayList<>();
        model.scripts.add(onDelta -> {
            onDelta.accept("Hi"); // shorter than a batch (8 characters), well within the 30 s interval
            seenByReaders.add(streamedSince(before));
            onDelta.accept(" there");
            return new ChatModel.Completion("cmpl-1", "stub-model", "stop", new ChatModel.Usage(3, 2));
        });

        run(asked);

        assertThat(seenByReaders).containsExactly("Hi");
    }

    @Test
    void givenAnEarlierRelatedMessageBeyondTheWindow_whenGenerating_thenItIsRecalledAndRecordedInTheContext() {
        Message early = conversations.appendMessage(ADA, conversation, new NewMessage(Role.USER,
                "My cat is called Miso", Metadata.EMPTY));
        conversations.appendMessage(ADA, conversation, new NewMessage(Role.USER, "Unrelated chatter", Metadata.EMPTY));
        conversations.appendMessage(ADA, conversation, new NewMessage(Role.USER, "More chatter", Metadata.EMPTY));
        List<String> askedAbout = new ArrayList<>();
        dev.pippa.domain.file.FileId manual = new dev.pippa.domain.file.FileId("file_01J00000000000000000000000");
        Recall recall = (owner, in, question, messages, passages) -> {
            askedAbout.add(question);
            return new Recall.Recalled(List.of(early), List.of(new dev.pippa.application.port.out.FileStore.Chunk(
                    manual, "cats.md", 4, "Miso means fermented bean paste.")));
        };
        Generator recalling = new Generator(store, NO_SUMMARIES, model, WORDS,
                new Generator.Settings("default-model", "Be helpful.", 1_000, 2, 8, Duration.ofSeconds(30),
                        Duration.ofMinutes(5)), MessageJobs.NONE, Clock.systemUTC(),
                dev.pippa.application.port.out.GenerationObserver.NONE, recall);
        Response asked = ask("What is my cat's name?");
        model.scripts.add(tokens("Miso."));

        recalling.generate(new NewJob(GenerationService.GENERATE_RESPONSE, ADA, conversation, asked.inputMessageId()));

        assertThat(askedAbout).containsExactly("What is my cat's name?");
        List<ChatModel.Turn> turns = model.sent.getFirst().messages();
        assertThat(turns.get(1).content()).startsWith(ContextWindow.RECALLED_PREFIX).contains("My cat is called Miso");
        assertThat(turns.getFirst().content()).contains("[1] cats.md, part 5: Miso means fermented bean paste.");
        assertThat(turns.getLast().content()).isEqualTo("What is my cat's name?");
        assertThat(turns).extracting(ChatModel.Turn::content).doesNotContain("Unrelated chatter");
        var context = store.findResponse(ADA, asked.id()).orElseThrow().context();
        assertThat(context.messageIds()).startsWith(early.id()).endsWith(asked.inputMessageId());
        assertThat(context.citations()).containsExactly(new dev.pippa.domain.generation.ContextSent.Citation(manual, 4));
    }

    @Test
    void givenTextFollowedByAPause_whenTheModelIsSilent_thenTheTimerWritesTheTextWithoutWaitingForMore() {
        Generator quickly = new Generator(store, NO_SUMMARIES, model, WORDS,
                new Generator.Settings("default-model", "Be helpful.", 1_000, 50, 1_000, Duration.ofMillis(50),
                        Duration.ofMinutes(5)), MessageJobs.NONE, Clock.systemUTC());
        Response asked = ask("Hello?");
        EventPosition before = store.head();
        model.scripts.add(onDelta -> {
            onDelta.accept("First");
            onDelta.accept(", then a pause");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // generous: a busy machine
            while (!streamedSince(before).equals("First, then a pause") && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            onDelta.accept(".");
            return new ChatModel.Completion("cmpl-1", "stub-model", "stop", new ChatModel.Usage(3, 3));
        });

        quickly.generate(new NewJob(GenerationService.GENERATE_RESPONSE, ADA, conversation, asked.inputMessageId()));

        assertThat(streamedSince(before)).isEqualTo("First, then a pause.");
        List<Event> deltas = store.eventsAfter(EventScope.conversation(ADA, conversation), before, 100).stream()
                .filter(event -> event instanceof Event.ResponseDelta).toList();
        assertThat(deltas).extracting(event -> ((Event.ResponseDelta) event).delta())
                .as("the paused text went out on its own, before the last piece arrived")
                .containsExactly("First", ", then a pause", ".");
    }

    @Test
    void givenAStreamedReply_whenGenerated_thenDeltasInOrderAndOneMessageEqualToThemAndTheResponseCompleted() {
        conversations.appendMessage(ADA, conversation, new NewMessage(Role.USER, "Earlier question", null));
        conversations.appendMessage(ADA, conversation, new NewMessage(Role.ASSISTANT, "Earlier answer", null));
        Response asked = ask("Where should we go?");
        EventPosition before = store.head();
        model.scripts.add(tokens("Lis", "bon, ", "in ", "May, ", "is ", "lovely."));

        run(asked);

        List<Event> events = store.eventsAfter(EventScope.conversation(ADA, conversation), before, 100);
        String streamed = events.stream().filter(event -> event instanceof Event.ResponseDelta)
                .map(event -> ((Event.ResponseDelta) event).delta()).reduce("", String::concat);
        Message reply = messages().getLast();
        assertThat(streamed).isEqualTo("Lisbon, in May, is lovely.");
        assertThat(reply.content()).isEqualTo(streamed);
        assertThat(reply.role()).isEqualTo(Role.ASSISTANT);
        assertThat(reply.metadata().entries()).containsEntry("response_id", asked.id().value())
                .containsEntry("model", "stub-model").containsEntry("output_tokens", "6");
        Response done = generation.getResponse(ADA, asked.id());
        assertThat(done.status()).isEqualTo(ResponseStatus.COMPLETED);
        assertThat(done.outputMessageId()).isEqualTo(reply.id());
        assertThat(events).extracting(Event::type).startsWith(EventType.RESPONSE_IN_PROGRESS)
                .endsWith(EventType.MESSAGE_CREATED, EventType.RESPONSE_COMPLETED);
        assertThat(model.sent.getFirst().messages()).extracting(ChatModel.Turn::content)
                .containsExactly("Be helpful.", "Earlier question", "Earlier answer", "Where should we go?");
        assertThat(model.sent.getFirst().model()).isEqualTo("default-model");
        assertThat(model.sent.getFirst().maxOutputTokens()).isEqualTo(64);
    }

    @Test
    void givenTheModelUnavailableBeforeAnyText_whenGenerated_thenTheJobFailsToBeRetriedAndTheRetryCompletes() {
        Response asked = ask("Hello?");
        model.scripts.add(onDelta -> {
            throw new ChatModelException(ChatModelException.Kind.UNAVAILABLE, false, Duration.ofSeconds(1), "503", null);
        });
        model.scripts.add(tokens("Hi."));

        assertThatThrownBy(() -> run(asked)).isInstanceOf(ChatModelException.class);
        assertThat(generation.getResponse(ADA, asked.id()).status()).as("back in the queue").isEqualTo(ResponseStatus.QUEUED);
        run(asked);

        assertThat(generation.getResponse(ADA, asked.id()).status()).isEqualTo(ResponseStatus.COMPLETED);
        assertThat(messages()).filteredOn(message -> message.role() == Role.ASSISTANT).hasSize(1);
    }

    @Test
    void givenAConnectionLostAfterSomeText_whenGenerated_thenIncompleteWithThePartialTextStoredAndMarked() {
        Response asked = ask("Tell me a story");
        model.scripts.add(onDelta -> {
            onDelta.accept("Once upon ");
            onDelta.accept("a time");
            throw new ChatModelException(ChatModelException.Kind.BROKEN, true, null, "connection reset", null);
        });

        run(asked);

        Response ended = generation.getResponse(ADA, asked.id());
        assertThat(ended.status()).isEqualTo(ResponseStatus.INCOMPLETE);
        assertThat(ended.error().code()).isEqualTo("upstream_broken");
        Message partial = messages().getLast();
        assertThat(partial.content()).isEqualTo("Once upon a time");
        assertThat(partial.metadata().entries()).containsEntry("incomplete", "incomplete");
    }

    @Test
    void givenACancelWhileStreaming_whenTheNextDeltasAreWritten_thenItStopsCancelledKeepingTheTextSoFar() {
        Response asked = ask("Count");
        model.scripts.add(onDelta -> {
            onDelta.accept("one two ");
            generation.cancelResponse(ADA, asked.id());
            for (int i = 0; i < 100; i++) {
                onDelta.accept("more words ");
            }
            throw new AssertionError("the stream should have been stopped");
        });

        run(asked);

        Response ended = generation.getResponse(ADA, asked.id());
        assertThat(ended.status()).isEqualTo(ResponseStatus.CANCELLED);
        assertThat(messages().getLast().content()).startsWith("one two").hasSizeLessThan(100 * 11);
    }

    @Test
    void givenACancelledOrFinishedResponse_whenItsJobRuns_thenTheModelIsNotCalled() {
        Response asked = ask("Never mind");
        generation.cancelResponse(ADA, asked.id());

        run(asked);

        assertThat(model.sent).isEmpty();
    }
}
