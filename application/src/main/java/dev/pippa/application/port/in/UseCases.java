package dev.pippa.application.port.in;

import java.util.Objects;

/** Every use case Pippa offers, handed as one value to driving adapters (HTTP, an embedding service). */
public record UseCases(
        CreateConversationUseCase createConversation,
        GetConversationUseCase getConversation,
        ListConversationsUseCase listConversations,
        UpdateConversationUseCase updateConversation,
        DeleteConversationUseCase deleteConversation,
        PostMessageUseCase postMessage,
        GetMessageUseCase getMessage,
        ListMessagesUseCase listMessages) {

    public UseCases {
        Objects.requireNonNull(createConversation);
        Objects.requireNonNull(getConversation);
        Objects.requireNonNull(listConversations);
        Objects.requireNonNull(updateConversation);
        Objects.requireNonNull(deleteConversation);
        Objects.requireNonNull(postMessage);
        Objects.requireNonNull(getMessage);
        Objects.requireNonNull(listMessages);
    }
}
