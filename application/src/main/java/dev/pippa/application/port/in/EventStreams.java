package dev.pippa.application.port.in;

import dev.pippa.domain.OwnerId;

/** Live, resumable event streams: each consumer (an SSE stream, a WebSocket) reads through one inbox. */
public interface EventStreams {

    /**
     * An empty inbox for one consumer of the owner's events; close it when the consumer goes.
     *
     * @throws EventStreamRefusedException when the owner or the server has as many open as allowed
     */
    EventInbox open(OwnerId owner);
}
