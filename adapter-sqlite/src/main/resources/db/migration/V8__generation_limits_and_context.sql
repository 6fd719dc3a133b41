-- Responses not yet ended, counted on every ask to enforce the generation limits (issue 17): a partial
-- index holds only them, so the count costs what is in flight, not every response ever made.
CREATE INDEX response_active ON response (owner_id) WHERE status IN ('queued', 'in_progress');

-- What each generation sent the model: its messages' ids (space-separated, oldest first), whether the
-- summary stood in for older ones, and the tokens counted before sending. Null until it ends.
ALTER TABLE response ADD COLUMN context_message_ids TEXT;
ALTER TABLE response ADD COLUMN context_summary_used BOOLEAN;
ALTER TABLE response ADD COLUMN context_tokens BIGINT;
