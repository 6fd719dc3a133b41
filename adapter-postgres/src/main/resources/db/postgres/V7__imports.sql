-- Where imported conversations came from (issue 18), so importing the same file again creates nothing.
-- A record goes with its conversation: delete the conversation and it can be imported again.
CREATE TABLE import_record (
    owner_id        TEXT NOT NULL,
    source          TEXT NOT NULL,
    source_id       TEXT NOT NULL,
    conversation_id TEXT NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    PRIMARY KEY (owner_id, source, source_id)
);
CREATE INDEX import_record_by_conversation ON import_record (conversation_id);
