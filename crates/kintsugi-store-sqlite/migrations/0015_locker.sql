-- Every person's locker: one sealed blob of fixed size, sealed with their own data key and
-- sealed afresh whenever their session is touched, so that what it holds (a safety check they
-- chose to keep) leaves no kind, count or time of its own in the database.
ALTER TABLE users ADD COLUMN locker BLOB;
