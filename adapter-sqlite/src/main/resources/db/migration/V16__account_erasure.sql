-- Account erasure (issue 18): deleting a user records, in the same transaction, that their data is still
-- to be erased. The marker goes when the erasure has finished; a start resumes any that a crash left.
CREATE TABLE account_erasure (
    owner_id     TEXT   NOT NULL PRIMARY KEY,
    requested_at BIGINT NOT NULL
);
