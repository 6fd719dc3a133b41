-- Responses not yet ended, counted on every ask to enforce the generation limits (issue 17): a partial
-- index holds only them, so the count costs what is in flight, not every response ever made.
CREATE INDEX response_active ON response (owner_id) WHERE status IN ('queued', 'in_progress');
