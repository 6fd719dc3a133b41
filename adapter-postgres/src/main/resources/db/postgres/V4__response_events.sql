-- Events about generations (issue 17) name their response; a delta carries its own text, as it names
-- nothing stored.
ALTER TABLE event ADD COLUMN response_id TEXT;
ALTER TABLE event ADD COLUMN delta TEXT;
