-- What waits for a person and what falls due, kept beside the records they are about and
-- changed in the same transaction as the write that causes them: whose, what kind of thing,
-- which item, when. Never words. They replace the "seen" marks: opening an item clears its
-- entry for the reader alone.
DROP TABLE seen;

CREATE TABLE inbox (
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    subject_id BLOB NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    about_id BLOB,
    couple_id BLOB,
    at INTEGER NOT NULL,
    until INTEGER,
    PRIMARY KEY (user_id, kind, subject_id)
);
CREATE INDEX inbox_by_subject ON inbox(subject_id);
CREATE INDEX inbox_by_couple ON inbox(couple_id);

CREATE TABLE due (
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    subject_id BLOB NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    at INTEGER,
    day TEXT,
    repeat TEXT,
    PRIMARY KEY (user_id, kind, subject_id)
);
CREATE INDEX due_by_subject ON due(subject_id);
