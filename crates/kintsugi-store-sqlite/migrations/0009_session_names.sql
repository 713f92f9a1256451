-- Sessions are named by browser and system ("Firefox on Linux", never the raw user agent)
-- and say when they were last used (kept to the nearest ten minutes).
ALTER TABLE sessions ADD COLUMN device TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN last_used_at INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET last_used_at = created_at;
