-- Pippa's schema on PostgreSQL. Times are epoch milliseconds (UTC) as BIGINT, like the SQLite schema, so
-- both stores map rows the same way and `pippa copy` moves values unchanged. Ids are prefixed ULIDs.

-- Both ship with PostgreSQL (contrib) and are "trusted": a database owner may create them.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Words of any space-separated script, case and accents folded, no stemming and no stop words: the same
-- matching as SQLite's unicode61 tokenizer with remove_diacritics.
CREATE TEXT SEARCH CONFIGURATION pippa_words (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION pippa_words
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, simple;

CREATE TABLE conversation (
    id            TEXT    NOT NULL PRIMARY KEY,
    owner_id      TEXT    NOT NULL,
    title         TEXT,
    metadata      TEXT    NOT NULL DEFAULT '{}',
    message_count BIGINT  NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    version       BIGINT  NOT NULL DEFAULT 1,
    -- The position the conversation's latest message took. A new message takes the next one while it
    -- holds this row's lock, so positions grow in commit order even when nodes' clocks (and so their
    -- time-ordered ids) disagree: paging by position never skips a message committed behind a reader.
    last_position BIGINT  NOT NULL DEFAULT 0
);

CREATE INDEX conversation_by_owner_activity ON conversation (owner_id, updated_at, id);

CREATE TABLE message (
    id              TEXT    NOT NULL PRIMARY KEY,
    conversation_id TEXT    NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    position        BIGINT  NOT NULL,
    role            TEXT    NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
    content         TEXT    NOT NULL,
    metadata        TEXT    NOT NULL DEFAULT '{}',
    created_at      BIGINT  NOT NULL,
    -- Set by the indexing job (until then the message is not searchable, as on SQLite): its words, and
    -- whether it holds Chinese, Japanese or Korean text, which is searched by trigrams of its content.
    words           TSVECTOR,
    cjk             BOOLEAN NOT NULL DEFAULT FALSE
);

-- Keyset paging of one conversation's messages in commit order.
CREATE UNIQUE INDEX message_by_position ON message (conversation_id, position);
CREATE INDEX message_words ON message USING gin (words);
CREATE INDEX message_cjk_trigrams ON message USING gin (content gin_trgm_ops) WHERE cjk;

CREATE TABLE idempotency_key (
    owner_id    TEXT   NOT NULL,
    key         TEXT   NOT NULL,
    fingerprint TEXT   NOT NULL,
    resource_id TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (owner_id, key)
);

CREATE INDEX idempotency_key_by_age ON idempotency_key (created_at);

CREATE TABLE user_account (
    id            TEXT    NOT NULL PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL
);

-- The outbox of background work, shared by every node's workers (leased with FOR UPDATE SKIP LOCKED).
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

CREATE INDEX job_due ON job (status, run_after, id);
CREATE INDEX job_by_conversation ON job (conversation_id);

CREATE TABLE conversation_summary (
    conversation_id           TEXT    NOT NULL PRIMARY KEY REFERENCES conversation (id) ON DELETE CASCADE,
    summary                   TEXT    NOT NULL,
    covers_through_message_id TEXT    NOT NULL,
    message_count_covered     BIGINT  NOT NULL,
    updated_at                BIGINT  NOT NULL
);
