-- The knowledge base (issue 19): uploaded files, kept with their bytes until processed; their chunks,
-- each with one packed vector (an identity per save, as message_vector); and which conversations
-- they are attached to. Processing is claimed with a lease (leased_until) so a dead worker's file is
-- taken up again.
CREATE TABLE stored_file (
    id           TEXT    NOT NULL PRIMARY KEY,
    owner_id     TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    media_type   TEXT    NOT NULL,
    size         BIGINT  NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('processing', 'ready', 'failed')),
    error        TEXT,
    chunk_count  INTEGER NOT NULL DEFAULT 0,
    content      BYTEA,
    created_at   BIGINT  NOT NULL,
    leased_until BIGINT  NOT NULL DEFAULT 0
);

CREATE INDEX stored_file_by_owner ON stored_file (owner_id, id);
CREATE INDEX stored_file_to_process ON stored_file (leased_until, id) WHERE status = 'processing';

CREATE TABLE file_chunk (
    sequence BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_id  TEXT    NOT NULL REFERENCES stored_file (id) ON DELETE CASCADE,
    owner_id TEXT    NOT NULL,
    position INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    model    TEXT    NOT NULL,
    vector   BYTEA   NOT NULL
);

CREATE UNIQUE INDEX file_chunk_by_file ON file_chunk (file_id, position);
CREATE INDEX file_chunk_by_owner ON file_chunk (owner_id, model, sequence);

CREATE TABLE conversation_file (
    conversation_id TEXT   NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    file_id         TEXT   NOT NULL REFERENCES stored_file (id) ON DELETE CASCADE,
    attached_at     BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, file_id)
);

CREATE INDEX conversation_file_by_file ON conversation_file (file_id);
