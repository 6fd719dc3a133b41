package dev.pippa.application.service;

import dev.pippa.application.port.out.ChatModel;
import dev.pippa.application.port.out.ChatModelException;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.port.out.ConversationWrites;
import dev.pippa.application.port.out.GenerationObserver;
import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.application.port.out.SummaryStore;
import dev.pippa.application.port.out.TokenCounter;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.event.EventType;
import dev.pippa.domain.event.NewEvent;
import dev.pippa.domain.generation.ContextSent;
import dev.pippa.domain.generation.Response;
import dev.pippa.domain.generation.ResponseStatus;
import dev.pippa.domain.job.NewJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The worker side of generation: runs a {@code generate_response} job. It starts the response, builds the
 * context ({@link ContextWindow}), streams the model's reply into delta events (a few per second, not one
 * per token), and stores the assistant message once, with the response's outcome, in one transaction. A
 * failure worth retrying before any text is rethrown, so the job queue runs it again with backoff.
 */
public final class Generator {

    /**
     * @param model           the model when the caller named none
     * @param instructions    the system prompt when the caller gave none
     * @param contextTokens   the context budget
     * @param historyMessages how many of the latest messages are considered for the context at most
     * @param flushChars      text gathered before a delta event is written
     * @param flushEvery      time after which gathered text is written anyway
     * @param timeout         the longest one generation may take (it then ends incomplete)
     */
    public record Settings(String model, String instructions, int contextTokens, int historyMessages, int flushChars,
                           Duration flushEvery, Duration timeout) {
    }

    private final ConversationStore store;
    private final ChatModel model;
    private final ContextPlanner planner;
    private final Settings settings;
    private final MessageJobs messageJobs;
    private final WriteClock clock;
    private final Clock time;
    private final GenerationObserver observer;
    private final TimeOrderedIds ids = TimeOrderedIds.shared();

    public Generator(ConversationStore store, SummaryStore summaries, ChatModel model, TokenCounter tokens,
                     Settings settings, MessageJobs messageJobs, Clock clock) {
        this(store, summaries, model, tokens, settings, messageJobs, clock, GenerationObserver.NONE, Recall.NONE);
    }

    /**
     * @param recall earlier messages and attached files' passages related to the question ({@link Recall#NONE}
     *               without embeddings)
     */
    public Generator(ConversationStore store, SummaryStore summaries, ChatModel model, TokenCounter tokens,
                     Settings settings, MessageJobs messageJobs, Clock clock, GenerationObserver observer,
                     Recall recall) {
        this.store = store;
        this.model = model;
        this.planner = new ContextPlanner(store, summaries, new ContextWindow(tokens), recall, settings);
        this.settings = settings;
        this.messageJobs = messageJobs;
        this.clock = new WriteClock(clock);
        this.time = clock;
        this.observer = observer;
    }

    void generate(NewJob job) {
        Optional<Response> started = start(job.owner(), job.messageId());
        if (started.isEmpty()) {
            return; // gone with its conversation, cancelled before it ran, or already finished
        }
        ContextWindow.Plan plan = planner.plan(started.get());
        Response response = started.get().withContext(new ContextSent(plan.messageIds(), plan.summaryUsed(),
                plan.citations(), plan.inputTokens()));
        DeltaWriter deltas = new DeltaWriter(store, response, time, settings);
        String modelName = response.asked().model() == null ? settings.model() : response.asked().model();
        Instant called = time.instant();
        try {
            ChatModel.Completion completion = streamed(deltas, new ChatModel.Request(modelName, plan.turns(),
                    response.asked().maxOutputTokens(), response.asked().temperature()), delta -> {
                if (deltas.firstText() == null) {
                    Instant now = time.instant();
                    observer.firstText(Duration.between(response.createdAt(), now), Duration.between(called, now));
                }
                deltas.add(delta);
            });
            deltas.flush();
            boolean cutShort = "length".equals(completion.finishReason());
            finish(response, deltas, cutShort ? ResponseStatus.INCOMPLETE : ResponseStatus.COMPLETED,
                    completion, cutShort ? new Response.ResponseError("max_output_tokens",
                            "The reply reached max_output_tokens and was cut short.") : null);
        } catch (DeltaWriter.Cancelled e) {
            finish(response, deltas, ResponseStatus.CANCELLED, null, null);
        } catch (DeltaWriter.TimedOut e) {
            finish(response, deltas, deltas.text().isEmpty() ? ResponseStatus.FAILED : ResponseStatus.INCOMPLETE, null,
                    new Response.ResponseError("timeout", "The reply took longer than "
                            + settings.timeout().toSeconds() + " s and was cut off."));
        } catch (ChatModelException e) {
            if (e.retryable() && deltas.text().isEmpty()) {
                requeue(response);
                throw e; // the queue runs the job again
            }
            deltas.flushQuietly();
            finish(response, deltas, deltas.text().isEmpty() ? ResponseStatus.FAILED : ResponseStatus.INCOMPLETE,
                    null, new Response.ResponseError("upstream_"
                            + e.kind().name().toLowerCase(java.util.Locale.ROOT), e.getMessage()));
        }
    }

    /**
     * The model's reply, while a timer writes text that waits through a pause ({@link DeltaWriter#tick});
     * the timer has stopped when this returns or throws, so nothing is written after the outcome.
     */
    private ChatModel.Completion streamed(DeltaWriter deltas, ChatModel.Request request,
                                          Consumer<String> onDelta) {
        Thread ticker = Thread.ofVirtual().name("pippa-deltas").start(() -> {
            try {
                while (true) {
                    Thread.sleep(settings.flushEvery());
                    deltas.tick();
                }
            } catch (InterruptedException e) {
                // the model's stream ended
            } catch (RuntimeException e) {
                // the store refused a write: the reader's next delta writes the text
            }
        });
        try {
            return model.stream(request, onDelta);
        } finally {
            ticker.interrupt();
            try {
                ticker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Queued again, so a later run can tell a retry (queued) from a run whose worker died (in progress). */
    private void requeue(Response response) {
        store.write(tx -> {
            tx.response(response.owner(), response.id()).filter(current -> !current.status().isFinal())
                    .ifPresent(current -> tx.updateResponse(current.requeued()));
            return null;
        });
    }

    /** The job failed for good: the response fails, with why, and keeps nothing (no text reached it). */
    void abandon(NewJob job, String why) {
        store.write(tx -> {
            tx.responseAnswering(job.owner(), job.messageId())
                    .filter(response -> !response.status().isFinal())
                    .ifPresent(response -> fail(tx, response, new Response.ResponseError("generation_failed", why)));
            return null;
        });
    }

    private void fail(ConversationWrites tx, Response response, Response.ResponseError why) {
        Instant now = clock.now();
        tx.updateResponse(response.finished(ResponseStatus.FAILED, null, Response.Usage.NONE, why, now));
        tx.recordEvents(List.of(NewEvent.response(EventType.RESPONSE_FAILED, response.owner(),
                response.conversationId(), response.id())), now);
        observer.ended(ResponseStatus.FAILED, 0, Duration.ZERO);
    }

    /**
     * Marks the response in progress; empty when there is nothing to do. A response found in progress was
     * being written by a worker that died (a retry finds it queued): its deltas reached readers, so it is
     * not written twice but ends {@code failed} ({@code interrupted}).
     */
    private Optional<Response> start(OwnerId owner, MessageId input) {
        return store.write(tx -> tx.responseAnswering(owner, input)
                .flatMap(found -> tx.conversation(owner, found.conversationId()).flatMap(locked ->
                        tx.responseAnswering(owner, input)))
                .filter(response -> !response.status().isFinal())
                .flatMap(response -> {
                    if (response.status() == ResponseStatus.IN_PROGRESS) {
                        fail(tx, response, new Response.ResponseError("interrupted",
                                "The server writing this reply stopped before it finished; ask again."));
                        return Optional.empty();
                    }
                    Response running = response.started();
                    tx.updateResponse(running);
                    tx.recordEvents(List.of(NewEvent.response(EventType.RESPONSE_IN_PROGRESS, owner,
                            running.conversationId(), running.id())), clock.now());
                    return Optional.of(running);
                }));
    }

    /** Stores the reply (if any text came) and the outcome, unless the response already ended. */
    private void finish(Response response, DeltaWriter deltas, ResponseStatus outcome, ChatModel.Completion completion,
                        Response.ResponseError error) {
        String text = deltas.text();
        ResponseStatus ending = outcome == ResponseStatus.COMPLETED && text.isEmpty() ? ResponseStatus.FAILED : outcome;
        Response.ResponseError why = ending != outcome
                ? new Response.ResponseError("empty_reply", "The model answered with no text.") : error;
        boolean ended = store.write(tx -> {
            Instant now = clock.now();
            Optional<Conversation> conversation = tx.conversation(response.owner(), response.conversationId());
            Optional<Response> current = tx.response(response.owner(), response.id());
            if (conversation.isEmpty() || current.isEmpty() || current.get().status().isFinal()) {
                return false;
            }
            Response.Usage usage = completion == null ? Response.Usage.NONE
                    : new Response.Usage(completion.usage().inputTokens(), completion.usage().outputTokens());
            MessageId output = null;
            List<NewEvent> events = new ArrayList<>();
            if (!text.isEmpty()) {
                Message reply = new NewMessage(Role.ASSISTANT, text, metadata(response, completion, ending))
                        .storedAs(MessageId.next(ids), response.conversationId(), now);
                Conversation touched = conversation.get().withMessageAppended(now);
                tx.insertMessage(reply);
                tx.updateConversation(touched);
                tx.enqueueJobs(messageJobs.jobsFor(response.owner(), reply, touched.messageCount()), now);
                events.add(NewEvent.messageCreated(response.owner(), response.conversationId(), reply.id()));
                output = reply.id();
            }
            tx.updateResponse(current.get().finished(ending, output, usage, why, now).withContext(response.context()));
            events.add(NewEvent.response(outcomeEvent(ending), response.owner(), response.conversationId(),
                    response.id()));
            tx.recordEvents(events, now);
            return true;
        });
        if (ended) {
            observer.ended(ending, completion == null ? 0 : completion.usage().outputTokens(),
                    deltas.firstText() == null ? Duration.ZERO : Duration.between(deltas.firstText(), time.instant()));
        }
    }

    private static Metadata metadata(Response response, ChatModel.Completion completion, ResponseStatus outcome) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("response_id", response.id().value());
        if (completion != null) {
            entries.put("model", String.valueOf(completion.model()));
            entries.put("finish_reason", completion.finishReason());
            entries.put("input_tokens", Long.toString(completion.usage().inputTokens()));
            entries.put("output_tokens", Long.toString(completion.usage().outputTokens()));
        }
        if (outcome != ResponseStatus.COMPLETED) {
            entries.put("incomplete", outcome.wireName());
        }
        return Metadata.of(entries);
    }

    private static EventType outcomeEvent(ResponseStatus outcome) {
        return switch (outcome) {
            case COMPLETED -> EventType.RESPONSE_COMPLETED;
            case INCOMPLETE -> EventType.RESPONSE_INCOMPLETE;
            case CANCELLED -> EventType.RESPONSE_CANCELLED;
            default -> EventType.RESPONSE_FAILED;
        };
    }
}
