-- Registered users. The email is stored normalised (trimmed, lower-case), so UNIQUE means one account
-- per mailbox. password_hash is a self-describing Argon2id string, never the password.
CREATE TABLE user_account (
    id            TEXT    NOT NULL PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL
);
