-- Records can answer other records (a reply, an answer, a reflection on a talk) and change.
ALTER TABLE records ADD COLUMN parent_id BLOB;
ALTER TABLE records ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX records_by_parent ON records(parent_id);
