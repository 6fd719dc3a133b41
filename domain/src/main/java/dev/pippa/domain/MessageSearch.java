package dev.pippa.domain;

/** The full-text index port: kept up to date by jobs, queried per owner. */
public interface MessageSearch {

    /** Adds the message to the index if it still exists (idempotent: indexing twice changes nothing). */
    void indexMessage(MessageId messageId);

    /**
     * The owner's messages matching the query, most relevant first.
     *
     * @throws InvalidInputException naming {@code q} when the query is not valid search syntax
     */
    Page<SearchHit> search(OwnerId owner, SearchQuery query);
}
