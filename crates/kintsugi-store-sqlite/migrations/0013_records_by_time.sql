-- A page of a long list walks these in order and stops at its limit: a person's own records of
-- a kind by time, and a couple's by time with what the sharing filter reads (SQLite keeps the
-- rowid, the order within a second, at the end of every index).
CREATE INDEX records_own_by_time ON records(kind, author_id, created_at);
CREATE INDEX records_shared_by_time ON records(kind, couple_id, created_at, visibility, withdrawn_at);
