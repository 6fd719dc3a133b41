-- Message embeddings (issue 19): one packed vector per message and model (a 4-byte scale, then one signed
-- byte per dimension; see PackedVector). Each save takes a new sequence (an identity, set again with
-- DEFAULT on update), so a node that holds an owner's vectors in memory reads only what changed since. A
-- message's vectors go with it.
CREATE TABLE message_vector (
    sequence        BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id      TEXT    NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    model           TEXT    NOT NULL,
    owner_id        TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    role            TEXT    NOT NULL,
    vector          BYTEA   NOT NULL
);

CREATE UNIQUE INDEX message_vector_by_message ON message_vector (message_id, model);
CREATE INDEX message_vector_by_owner ON message_vector (owner_id, model, sequence);
