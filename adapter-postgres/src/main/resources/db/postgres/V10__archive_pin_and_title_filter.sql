-- Archive, pin and the title filter (issue 18). The list walks one index in list_key order (pinned ones
-- boosted above the rest, see Conversation.listKey) and never sorts: conversation_list serves the default
-- and archived-only lists, conversation_list_all the list of both. title_key is the title folded by the
-- application (TextFold); lower(unaccent()) folds the titles stored before this alike.
ALTER TABLE conversation
    ADD COLUMN archived  BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN pinned    BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN title_key TEXT,
    ADD COLUMN list_key  BIGINT  NOT NULL DEFAULT 0;
UPDATE conversation SET list_key = updated_at, title_key = lower(unaccent(title));

DROP INDEX conversation_by_owner_activity;
CREATE INDEX conversation_list ON conversation (owner_id, archived, list_key, id);
CREATE INDEX conversation_list_all ON conversation (owner_id, list_key, id);

-- Retention spares pinned conversations.
DROP INDEX conversation_by_activity;
CREATE INDEX conversation_by_activity ON conversation (updated_at, id) WHERE NOT pinned;
