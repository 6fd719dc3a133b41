-- Every committed change readers can follow (SSE, WebSocket), written in the transaction of the change.
-- Sequence numbers are drawn before commit, so they are not commit order across nodes; readers order by
-- the writing transaction's id instead and read only below the oldest transaction still running
-- (pg_snapshot_xmin): nothing can commit there any more, so a reader never finds a new event behind one it
-- has seen. Writers of one conversation take its advisory lock before their transaction has an id, so
-- their ids, and their events, follow their commit order.
CREATE TABLE event (
    xid             BIGINT  NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    seq             BIGINT  GENERATED ALWAYS AS IDENTITY,
    type            TEXT    NOT NULL,
    owner_id        TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    message_id      TEXT,
    created_at      BIGINT  NOT NULL,
    PRIMARY KEY (xid, seq)
);

CREATE INDEX event_by_owner ON event (owner_id, xid, seq);
CREATE INDEX event_by_conversation ON event (conversation_id, xid, seq);
CREATE INDEX event_by_age ON event (created_at);

-- How far events were forgotten (one row): a reader resuming from before this may have missed some.
CREATE TABLE event_forgotten (
    id          INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    xid         BIGINT  NOT NULL,
    seq         BIGINT  NOT NULL
);
INSERT INTO event_forgotten (id, xid, seq) VALUES (1, 0, 0);

-- Single-use tickets that let a browser open an event stream without putting its token in a URL. Only a
-- hash of each is kept.
CREATE TABLE stream_ticket (
    hash       TEXT   NOT NULL PRIMARY KEY,
    owner_id   TEXT   NOT NULL,
    expires_at BIGINT NOT NULL
);
