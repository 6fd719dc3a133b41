-- A conversation forked from another (issue 18) names where it came from: the conversation and the last
-- message it copied. No foreign key: the original may be deleted and the fork lives on.
ALTER TABLE conversation ADD COLUMN forked_from_conversation_id TEXT;
ALTER TABLE conversation ADD COLUMN forked_from_message_id TEXT;
