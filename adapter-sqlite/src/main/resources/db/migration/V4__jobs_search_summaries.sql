-- Background work, written in the same transaction as the message that causes it (outbox): a crash
-- keeps both or neither. A job is pending until done (then deleted) or failed for good; a pending job
-- whose leased_until is in the future is being run; one whose lease expired (its worker died) is due again.
CREATE TABLE job (
    id              TEXT    NOT NULL PRIMARY KEY,
    kind            TEXT    NOT NULL,
    owner_id        TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    message_id      TEXT,
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'failed')),
    attempts        BIGINT  NOT NULL DEFAULT 0,
    run_after       BIGINT  NOT NULL,
    leased_until    BIGINT,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL
);

-- Workers pick due pending jobs oldest first.
CREATE INDEX job_due ON job (status, run_after, id);

-- The latest summary of a conversation; goes with it.
CREATE TABLE conversation_summary (
    conversation_id          TEXT    NOT NULL PRIMARY KEY REFERENCES conversation (id) ON DELETE CASCADE,
    summary                  TEXT    NOT NULL,
    covers_through_message_id TEXT   NOT NULL,
    message_count_covered    BIGINT  NOT NULL,
    updated_at               BIGINT  NOT NULL
);

-- Full-text indexes of message content, maintained by jobs, keyed by the message's rowid. unicode61 finds
-- words in space-separated scripts (English, accents folded); trigram finds any substring of three or
-- more characters, which is what Chinese, Japanese and Korean (particles glued to words) need. They keep
-- their own copy of the text (not external content): deleting an entry is then a plain rowid delete that
-- cannot corrupt the index, whether or not the message had been indexed yet.
CREATE VIRTUAL TABLE message_search USING fts5(content, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE message_search_cjk USING fts5(content, tokenize = 'trigram');
