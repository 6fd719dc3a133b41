package dev.pippa.application.port.out;

import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.SearchHit;
import dev.pippa.domain.SearchQuery;
import java.util.List;

/** The full-text index port: kept up to date by jobs, queried per owner. */
public interface MessageSearch {

    /**
     * Adds the messages that still exist to the index, in one write (idempotent: indexing twice changes
     * nothing).
     */
    void indexMessages(List<MessageId> messageIds);

    /**
     * The owner's messages matching the query, most relevant first.
     *
     * @throws InvalidInputException naming {@code q} when the query is not valid search syntax
     */
    Page<SearchHit> search(OwnerId owner, SearchQuery query);
}
