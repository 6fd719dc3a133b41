package dev.pippa.application.port.in;

import dev.pippa.domain.Message;

public interface PostMessageUseCase {

    /** @throws dev.pippa.domain.NotFoundException when the owner has no such conversation */
    Message postMessage(PostMessageCommand command);
}
