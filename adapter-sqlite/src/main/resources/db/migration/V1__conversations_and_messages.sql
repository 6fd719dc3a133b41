-- Times are epoch milliseconds (UTC), declared BIGINT (INTEGER affinity) so jOOQ maps them to long.
-- Ids are prefixed ULIDs, so their text order is creation order.
CREATE TABLE conversation (
    id            TEXT    NOT NULL PRIMARY KEY,
    owner_id      TEXT    NOT NULL,
    title         TEXT,
    metadata      TEXT    NOT NULL DEFAULT '{}',
    message_count BIGINT  NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    version       BIGINT  NOT NULL DEFAULT 1
);

-- Keyset paging of one owner's conversations by last activity.
CREATE INDEX conversation_by_owner_activity ON conversation (owner_id, updated_at, id);

CREATE TABLE message (
    id              TEXT    NOT NULL PRIMARY KEY,
    conversation_id TEXT    NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    role            TEXT    NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
    content         TEXT    NOT NULL,
    metadata        TEXT    NOT NULL DEFAULT '{}',
    created_at      BIGINT  NOT NULL
);

-- Keyset paging of one conversation's messages: every page is an index range scan of O(limit).
CREATE UNIQUE INDEX message_by_conversation ON message (conversation_id, id);
