package dev.pippa.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.application.port.in.CreateResponseCommand;
import dev.pippa.application.port.in.GenerationUseCases;
import dev.pippa.application.port.out.ChatModel;
import dev.pippa.application.port.out.ChatModelException;
import dev.pippa.application.port.out.JobObserver;
import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.application.port.out.MessageSearch;
import dev.pippa.application.port.out.SummaryStore;
import dev.pippa.application.testing.InMemoryConversationStore;
import dev.pippa.application.testing.InMemoryJobStore;
import dev.pippa.application.testing.MutableClock;
import dev.pippa.application.testing.NoSummaries;
import dev.pippa.application.testing.UseCasesOver;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.Role;
import dev.pippa.domain.SearchHit;
import dev.pippa.domain.SearchQuery;
import dev.pippa.domain.Summary;
import dev.pippa.domain.event.NewEvent;
import dev.pippa.domain.generation.GenerationRequest;
import dev.pippa.domain.generation.Response;
import dev.pippa.domain.generation.ResponseStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Generation through the durable job queue: it runs, honours a model's Retry-After, and never hangs in progress. */
class GenerationJobsTest {

    private static final OwnerId ADA = new OwnerId("ada");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T00:00:00Z"));
    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final InMemoryJobStore jobs = new InMemoryJobStore(clock);
    private final Deque<ChatModel> answers = new ArrayDeque<>();
    private final ChatModel model = (request, onDelta) -> answers.removeFirst().stream(request, onDelta);
    private final Generator generator = new Generator(store, new NoSummaries(), model,
            text -> text.length(), new Generator.Settings("m", "Be brief.", 10_000, 20, 4, Duration.ofSeconds(5),
                    Duration.ofMinutes(5)),
            MessageJobs.NONE, clock);
    private final BackgroundJobs background = new BackgroundJobs(jobs, new NoSearch(), new NoSummaries(),
            (current, messages) -> "", JobObserver.NONE,
            new BackgroundJobs.Policy(2, Duration.ofSeconds(1), Duration.ofSeconds(60)), clock, generator);
    private final GenerationUseCases generation = Services.generation(store, clock, MessageJobs.NONE);
    private final ConversationId conversation = new UseCasesOver(store, clock, MessageJobs.NONE)
            .createConversation(ADA, new NewConversation("c", null)).id();

    private Response ask() {
        Response response = generation.createResponse(new CreateResponseCommand(ADA, conversation,
                new NewMessage(Role.USER, "Hi?", Metadata.EMPTY), new GenerationRequest(null, null, null, null),
                Optional.empty()));
        jobs.enqueueJobs(store.queuedJobs().stream()
                .filter(job -> job.kind().equals(GenerationService.GENERATE_RESPONSE)
                        && job.messageId().equals(response.inputMessageId())).toList());
        return response;
    }

    /** What a chat worker does: lease the due generations and run each. */
    private int runGenerations() {
        List<dev.pippa.domain.job.Job> leased = background.leaseGenerations(10);
        leased.forEach(background::runGeneration);
        return leased.size();
    }

    private static ChatModel replying(String text) {
        return (request, onDelta) -> {
            onDelta.accept(text);
            return new ChatModel.Completion("c1", "m", "stop", new ChatModel.Usage(3, 1));
        };
    }

    private static ChatModel overloaded(Duration retryAfter) {
        return (request, onDelta) -> {
            throw new ChatModelException(ChatModelException.Kind.UNAVAILABLE, false, retryAfter, "429", null);
        };
    }

    @Test
    void givenAQueuedResponse_whenTheJobsRun_thenItCompletes() {
        Response asked = ask();
        answers.add(replying("Hello."));

        assertThat(runGenerations()).isEqualTo(1);

        assertThat(generation.getResponse(ADA, asked.id()).status()).isEqualTo(ResponseStatus.COMPLETED);
    }

    @Test
    void givenAGenerationJob_whenTheGeneralWorkersRun_thenTheyLeaveItToTheChatWorkers() {
        Response asked = ask();
        answers.add(replying("Hello."));

        assertThat(background.runDue(10)).isZero();
        assertThat(runGenerations()).isEqualTo(1);

        assertThat(generation.getResponse(ADA, asked.id()).status()).isEqualTo(ResponseStatus.COMPLETED);
    }

    @Test
    void givenANodeWithoutAChatModel_whenItsWorkersRun_thenGenerationsWaitInTheQueueForANodeThatHasOne() {
        Response asked = ask();
        BackgroundJobs withoutModel = new BackgroundJobs(jobs, new NoSearch(), new NoSummaries(),
                (current, messages) -> "", JobObserver.NONE,
                new BackgroundJobs.Policy(2, Duration.ofSeconds(1), Duration.ofSeconds(60)), clock);

        assertThat(withoutModel.runDue(10)).isZero();
        assertThat(withoutModel.leaseGenerations(10)).isEmpty();
        clock.advance(Duration.ofHours(1));
        answers.add(replying("Later."));

        assertThat(runGenerations()).as("still queued, taken by a node with a model").isEqualTo(1);
        assertThat(generation.getResponse(ADA, asked.id()).status()).isEqualTo(ResponseStatus.COMPLETED);
    }

    @Test
    void givenAWorkerThatDiedMidReply_whenItsLeaseRunsOut_thenTheNextRunEndsItInterruptedWithoutCallingTheModel() {
        Response asked = ask();
        List<dev.pippa.domain.job.Job> leased = background.leaseGenerations(10);
        answers.add((request, onDelta) -> {
            onDelta.accept("half a rep");
            throw new WorkerDied(); // an Error: nothing below catches it, as nothing runs after kill -9
        });
        try {
            background.runGeneration(leased.getFirst());
        } catch (WorkerDied ignored) {
            // what kill -9 leaves behind: the response in progress, its job leased
        }
        assertThat(generation.getResponse(ADA, asked.id()).status()).isEqualTo(ResponseStatus.IN_PROGRESS);
        clock.advance(BackgroundJobs.GENERATION_LEASE.plusSeconds(1));

        runGenerations();

        Response ended = generation.getResponse(ADA, asked.id());
        assertThat(ended.status()).isEqualTo(ResponseStatus.FAILED);
        assertThat(ended.error().code()).isEqualTo("interrupted");
        assertThat(answers).as("the model is not called again").isEmpty();
    }

    @Test
    void givenARetryableFailure_whenItsRetryRuns_thenTheResponseIsGeneratedNotEndedAsInterrupted() {
        Response asked = ask();
        answers.add(overloaded(null));
        answers.add(replying("Second time lucky."));
        runGenerations();
        assertThat(generation.getResponse(ADA, asked.id()).status()).isEqualTo(ResponseStatus.QUEUED);

        clock.advance(Duration.ofMinutes(1));
        runGenerations();

        assertThat(generation.getResponse(ADA, asked.id()).status()).isEqualTo(ResponseStatus.COMPLETED);
    }

    @Test
    void givenAModelThatSaysRetryAfter2Minutes_whenItFails_thenTheJobWaitsThatLongNotTheOneSecondBackoff() {
        Response asked = ask();
        answers.add(overloaded(Duration.ofMinutes(2)));
        answers.add(replying("Finally."));
        runGenerations();

        clock.advance(Duration.ofSeconds(30));
        assertThat(runGenerations()).as("not due before Retry-After").isZero();
        clock.advance(Duration.ofSeconds(91));
        assertThat(runGenerations()).isEqualTo(1);

        assertThat(generation.getResponse(ADA, asked.id()).status()).isEqualTo(ResponseStatus.COMPLETED);
    }

    @Test
    void givenAModelThatNeverAnswers_whenTheAttemptsRunOut_thenTheResponseFailsInsteadOfStayingInProgress() {
        Response asked = ask();
        answers.add(overloaded(null));
        answers.add(overloaded(null));
        runGenerations();
        clock.advance(Duration.ofMinutes(1));
        runGenerations();

        Response ended = generation.getResponse(ADA, asked.id());
        assertThat(ended.status()).isEqualTo(ResponseStatus.FAILED);
        assertThat(ended.error().code()).isEqualTo("generation_failed");
        assertThat(jobs.countJobs().failed()).isEqualTo(1);
    }

    @Test
    void givenAReplyThatRunsPastTheTimeout_whenTheNextDeltaArrives_thenItStopsIncompleteKeepingTheText() {
        Response asked = ask();
        answers.add((request, onDelta) -> {
            onDelta.accept("slowly");
            clock.advance(Duration.ofMinutes(6));
            onDelta.accept(" and more");
            onDelta.accept(" and more");
            throw new AssertionError("the stream should have been cut off");
        });

        runGenerations();

        Response ended = generation.getResponse(ADA, asked.id());
        assertThat(ended.status()).isEqualTo(ResponseStatus.INCOMPLETE);
        assertThat(ended.error().code()).isEqualTo("timeout");
        assertThat(store.findMessage(ADA, conversation, ended.outputMessageId()).orElseThrow().content())
                .isEqualTo("slowly and more");
    }

    private static final class WorkerDied extends Error {
    }

    private static final class NoSearch implements MessageSearch {
        @Override
        public void indexMessages(List<MessageId> messageIds) {
        }

        @Override
        public Page<SearchHit> search(OwnerId owner, SearchQuery query) {
            throw new UnsupportedOperationException();
        }
    }
}
