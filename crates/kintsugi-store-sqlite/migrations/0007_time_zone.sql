-- Each account has a time zone (an IANA name): talk times are entered and shown in it.
-- Accounts made before read times as UTC, as the pages showed them until now.
ALTER TABLE users ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
