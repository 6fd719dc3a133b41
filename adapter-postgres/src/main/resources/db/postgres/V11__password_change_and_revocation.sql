-- Password change and token revocation (issue 18). A token carries the token_version it was issued
-- under; a password change moves the user to the next one. token_revocation holds revoked tokens (by
-- their id) and user-wide notices (token_id NULL) until the tokens concerned would have expired anyway;
-- every node reads the recent ones each second (by time, with overlap: identities can commit out of
-- order), and all of them at start.
ALTER TABLE user_account ADD COLUMN token_version BIGINT NOT NULL DEFAULT 0;

CREATE TABLE token_revocation (
    sequence    BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     TEXT    NOT NULL,
    token_id    TEXT,
    recorded_at BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL
);

CREATE INDEX token_revocation_by_time ON token_revocation (recorded_at);
CREATE INDEX token_revocation_by_expiry ON token_revocation (expires_at);
