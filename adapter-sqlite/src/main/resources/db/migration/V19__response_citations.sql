-- A generated reply's citations (issue 19): the chunks of the conversation's attached files it was given,
-- as "file_id#position" separated by spaces, in the order they were numbered.
ALTER TABLE response ADD COLUMN context_citations TEXT;
