package dev.pippa.application.service;

import dev.pippa.application.port.in.CreateResponseCommand;
import dev.pippa.application.port.in.GenerationLimits;
import dev.pippa.application.port.in.GenerationUseCases;
import dev.pippa.application.port.in.TooManyGenerationsException;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.port.out.ConversationWrites;
import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.event.EventType;
import dev.pippa.domain.event.NewEvent;
import dev.pippa.domain.generation.Response;
import dev.pippa.domain.generation.ResponseId;
import dev.pippa.domain.generation.ResponseStatus;
import dev.pippa.domain.job.NewJob;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The request side of generation: what asking for a reply writes (the input message, a queued response,
 * the generation job, their events, all in one transaction), idempotent replay, reading and cancelling.
 * The reply itself is written by the job ({@link #GENERATE_RESPONSE}).
 */
final class GenerationService implements GenerationUseCases {

    /** The job that writes a response's reply; it names the input message (one message, one response). */
    static final String GENERATE_RESPONSE = "generate_response";
    static final String RESOURCE = "response";

    private final ConversationStore store;
    private final WriteClock clock;
    private final MessageJobs messageJobs;
    private final GenerationLimits limits;
    private final Runnable whenQueued;
    private final TimeOrderedIds ids = TimeOrderedIds.shared();

    /** @param whenQueued told after a generation was queued (this node's chat workers look at once) */
    GenerationService(ConversationStore store, Clock clock, MessageJobs messageJobs, GenerationLimits limits,
                      Runnable whenQueued) {
        this.whenQueued = Objects.requireNonNull(whenQueued, "whenQueued");
        this.store = Objects.requireNonNull(store, "store");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = new WriteClock(clock);
        this.messageJobs = Objects.requireNonNull(messageJobs, "messageJobs");
    }

    @Override
    public Response createResponse(CreateResponseCommand command) {
        OwnerId owner = command.owner();
        Optional<Idempotent> request = command.idempotencyKey().map(key ->
                Idempotent.createResponse(key, command.conversationId(), command.input(), command.asked()));
        Response response = store.write(tx -> {
            Instant now = clock.now();
            Conversation conversation = tx.conversation(owner, command.conversationId())
                    .orElseThrow(() -> new NotFoundException(ConversationService.RESOURCE, command.conversationId().value()));
            Optional<String> replay = Replays.replayed(tx, owner, request, now);
            if (replay.isPresent()) {
                return tx.response(owner, new ResponseId(replay.get()))
                        .orElseThrow(() -> new NotFoundException(RESOURCE, replay.get()));
            }
            ConversationWrites.ActiveResponses active = tx.activeResponses(owner);
            if (active.owners() >= limits.perUser() || active.total() >= limits.total()) {
                boolean perUser = active.owners() >= limits.perUser();
                throw new TooManyGenerationsException(perUser, perUser ? limits.perUser() : limits.total());
            }
            Message input = command.input().storedAs(MessageId.next(ids), conversation.id(), now);
            Conversation touched = conversation.withMessageAppended(now);
            Response queued = Response.queued(ResponseId.next(ids), owner, conversation.id(), command.asked(),
                    input.id(), now);
            tx.insertMessage(input);
            tx.updateConversation(touched);
            tx.insertResponse(queued);
            List<NewJob> jobs = new ArrayList<>(messageJobs.jobsFor(owner, input, touched.messageCount()));
            jobs.add(new NewJob(GENERATE_RESPONSE, owner, conversation.id(), input.id()));
            tx.enqueueJobs(jobs, now);
            request.ifPresent(key -> tx.rememberKey(owner, key, queued.id().value(), now));
            tx.recordEvents(List.of(NewEvent.messageCreated(owner, conversation.id(), input.id()),
                    NewEvent.response(EventType.RESPONSE_CREATED, owner, conversation.id(), queued.id())), now);
            return queued;
        });
        whenQueued.run();
        return response;
    }

    @Override
    public Optional<Message> outputOf(Response response) {
        return Optional.ofNullable(response.outputMessageId()).flatMap(id ->
                store.findMessage(response.owner(), response.conversationId(), id));
    }

    @Override
    public Response getResponse(OwnerId owner, ResponseId id) {
        return store.findResponse(owner, id).orElseThrow(() -> new NotFoundException(RESOURCE, id.value()));
    }

    @Override
    public Response cancelResponse(OwnerId owner, ResponseId id) {
        return store.write(tx -> {
            Response current = locked(tx, owner, id);
            if (current.status().isFinal() || current.cancelRequested()) {
                return current;
            }
            Response cancelled = current.status() == ResponseStatus.QUEUED
                    ? current.finished(ResponseStatus.CANCELLED, null, Response.Usage.NONE, null, clock.now())
                    : current.withCancelRequested();
            tx.updateResponse(cancelled);
            if (cancelled.status() == ResponseStatus.CANCELLED) {
                tx.recordEvents(List.of(NewEvent.response(EventType.RESPONSE_CANCELLED, owner,
                        cancelled.conversationId(), id)), clock.now());
            }
            return cancelled;
        });
    }

    /** The response, read under its conversation's lock (so a cancel and the worker take turns). */
    private static Response locked(ConversationWrites tx, OwnerId owner, ResponseId id) {
        Response response = tx.response(owner, id).orElseThrow(() -> new NotFoundException(RESOURCE, id.value()));
        tx.conversation(owner, response.conversationId())
                .orElseThrow(() -> new NotFoundException(RESOURCE, id.value()));
        return tx.response(owner, id).orElseThrow(() -> new NotFoundException(RESOURCE, id.value()));
    }
}
