package dev.pippa.application.port.in;

import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.SearchHit;
import dev.pippa.domain.SearchQuery;

public interface SearchMessagesUseCase {

    /** @throws dev.pippa.domain.InvalidInputException naming {@code q} for a query that is not valid syntax */
    Page<SearchHit> searchMessages(OwnerId owner, SearchQuery query);
}
