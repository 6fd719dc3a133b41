-- Retention (issue 18) finds the conversations idle the longest, whoever owns them.
CREATE INDEX conversation_by_activity ON conversation (updated_at, id);
