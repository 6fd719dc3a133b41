-- Every committed change readers can follow (SSE, WebSocket), written in the transaction of the change.
-- The single writer numbers them as it commits, so seq order is commit order. AUTOINCREMENT: a number is
-- never reused, even after the newest rows are deleted, so a reader's resume point stays meaningful.
-- Events name what changed; readers get the message, conversation or summary as it is stored.
CREATE TABLE event (
    seq             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    type            TEXT    NOT NULL,
    owner_id        TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    message_id      TEXT,
    created_at      BIGINT  NOT NULL
);

CREATE INDEX event_by_owner ON event (owner_id, seq);
CREATE INDEX event_by_conversation ON event (conversation_id, seq);
CREATE INDEX event_by_age ON event (created_at);

-- How far events were forgotten (one row): a reader resuming from before this may have missed some.
CREATE TABLE event_forgotten (
    id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    through BIGINT  NOT NULL
);
INSERT INTO event_forgotten (id, through) VALUES (1, 0);

-- Single-use tickets that let a browser open an event stream without putting its token in a URL. Only a
-- hash of each is kept.
CREATE TABLE stream_ticket (
    hash       TEXT   NOT NULL PRIMARY KEY,
    owner_id   TEXT   NOT NULL,
    expires_at BIGINT NOT NULL
);
