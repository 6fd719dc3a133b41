-- A message edited by its owner (issue 18) records when; null: never edited.
ALTER TABLE message ADD COLUMN edited_at BIGINT;
