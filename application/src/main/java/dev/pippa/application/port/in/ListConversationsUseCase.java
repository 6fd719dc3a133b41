package dev.pippa.application.port.in;

import dev.pippa.domain.Conversation;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageRequest;

public interface ListConversationsUseCase {

    Page<Conversation> listConversations(OwnerId owner, PageRequest page);
}
