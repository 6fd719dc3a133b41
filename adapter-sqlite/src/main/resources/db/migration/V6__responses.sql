-- Generations (issue 17): what was asked, how it went, and the message it produced. A response goes with
-- its conversation.
CREATE TABLE response (
    id                TEXT    NOT NULL PRIMARY KEY,
    conversation_id   TEXT    NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    owner_id          TEXT    NOT NULL,
    status            TEXT    NOT NULL CHECK (status IN ('queued', 'in_progress', 'completed', 'incomplete',
                                                         'failed', 'cancelled')),
    instructions      TEXT,
    model             TEXT,
    max_output_tokens BIGINT,
    temperature       DOUBLE,
    input_message_id  TEXT    NOT NULL,
    output_message_id TEXT,
    input_tokens      BIGINT  NOT NULL DEFAULT 0,
    output_tokens     BIGINT  NOT NULL DEFAULT 0,
    error_code        TEXT,
    error_detail      TEXT,
    cancel_requested  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at        BIGINT  NOT NULL,
    completed_at      BIGINT
);

CREATE INDEX response_by_conversation ON response (conversation_id, id);
CREATE INDEX response_running ON response (owner_id, status);
-- One message gets at most one response; the generation job finds its response by it.
CREATE UNIQUE INDEX response_by_input ON response (input_message_id);
