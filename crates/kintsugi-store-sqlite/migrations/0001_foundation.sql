-- Accounts, sessions, couples, invites and the generic record table.
CREATE TABLE users (
    id BLOB PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    kek_salt BLOB NOT NULL,
    password_wrap BLOB NOT NULL,
    recovery_wrap BLOB,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash BLOB NOT NULL UNIQUE,
    key_wrap BLOB NOT NULL,
    client TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE couples (
    id BLOB PRIMARY KEY,
    user_a BLOB NOT NULL REFERENCES users(id),
    user_b BLOB NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    ended_at INTEGER
);
CREATE INDEX couples_by_a ON couples(user_a);
CREATE INDEX couples_by_b ON couples(user_b);

CREATE TABLE couple_keys (
    couple_id BLOB NOT NULL REFERENCES couples(id),
    user_id BLOB NOT NULL REFERENCES users(id),
    key_wrap BLOB NOT NULL,
    PRIMARY KEY (couple_id, user_id)
);

CREATE TABLE invites (
    code_hash BLOB PRIMARY KEY,
    inviter_id BLOB NOT NULL REFERENCES users(id),
    couple_id BLOB NOT NULL,
    inviter_wrap BLOB NOT NULL,
    code_wrap BLOB NOT NULL,
    code_salt BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);

CREATE TABLE records (
    id BLOB PRIMARY KEY,
    kind TEXT NOT NULL,
    author_id BLOB NOT NULL REFERENCES users(id),
    couple_id BLOB,
    visibility TEXT NOT NULL CHECK (visibility IN ('private', 'shared')),
    body BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX records_by_author ON records(kind, author_id);
CREATE INDEX records_by_couple ON records(kind, couple_id);
