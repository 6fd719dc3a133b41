package dev.pippa.application.port.in;

import dev.pippa.domain.Message;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.generation.Response;
import dev.pippa.domain.generation.ResponseId;
import java.util.Optional;

/** Generated replies: ask for one, look at it, cancel it. */
public interface GenerationUseCases {

    /**
     * Stores the input message and a queued response, and queues its generation, in one transaction.
     *
     * @throws dev.pippa.domain.NotFoundException when the owner has no such conversation
     * @throws TooManyGenerationsException        when the owner or the server is at its limit
     */
    Response createResponse(CreateResponseCommand command);

    /** The message the response wrote, once it ended with text. */
    Optional<Message> outputOf(Response response);

    /** @throws dev.pippa.domain.NotFoundException for another owner's response, as for an unknown one */
    Response getResponse(OwnerId owner, ResponseId id);

    /**
     * Asks a running generation to stop (it ends {@code cancelled}, keeping what was written); a queued
     * one ends at once; a finished one is returned as it is.
     */
    Response cancelResponse(OwnerId owner, ResponseId id);
}
