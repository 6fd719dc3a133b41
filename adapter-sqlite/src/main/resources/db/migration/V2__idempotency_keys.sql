-- What the first request with each (owner, key) asked for and created, so retries replay it.
CREATE TABLE idempotency_key (
    owner_id    TEXT   NOT NULL,
    key         TEXT   NOT NULL,
    fingerprint TEXT   NOT NULL,
    resource_id TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (owner_id, key)
) WITHOUT ROWID;

-- Expired keys are purged by age.
CREATE INDEX idempotency_key_by_age ON idempotency_key (created_at);
