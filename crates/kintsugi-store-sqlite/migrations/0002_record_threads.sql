-- Records can answer other records (a reply, an answer, a reflection on a talk) and change.
-- Insertion order is the table's rowid here (PostgreSQL adds a `seq` column for the same), so a
-- thread replays in the order it was written even within one second.
ALTER TABLE records ADD COLUMN parent_id BLOB;
ALTER TABLE records ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX records_by_parent ON records(parent_id);
