-- Records can answer other records (a reply, an answer, a reflection on a talk) and change.
-- `seq` gives records their insertion order (SQLite has it as rowid), so a thread replays in the
-- order it was written even within one second.
ALTER TABLE records ADD COLUMN parent_id UUID;
ALTER TABLE records ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE records ADD COLUMN seq BIGSERIAL;
CREATE INDEX records_by_parent ON records(parent_id);
