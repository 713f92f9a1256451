-- Accounts, sessions, couples, invites and the generic record table.
CREATE TABLE users (
    id UUID PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    kek_salt BYTEA NOT NULL,
    password_wrap BYTEA NOT NULL,
    recovery_wrap BYTEA,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash BYTEA NOT NULL UNIQUE,
    key_wrap BYTEA NOT NULL,
    client TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE couples (
    id UUID PRIMARY KEY,
    user_a UUID NOT NULL REFERENCES users(id),
    user_b UUID NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    ended_at BIGINT
);
CREATE INDEX couples_by_a ON couples(user_a);
CREATE INDEX couples_by_b ON couples(user_b);

CREATE TABLE couple_keys (
    couple_id UUID NOT NULL REFERENCES couples(id),
    user_id UUID NOT NULL REFERENCES users(id),
    key_wrap BYTEA NOT NULL,
    PRIMARY KEY (couple_id, user_id)
);

CREATE TABLE invites (
    code_hash BYTEA PRIMARY KEY,
    inviter_id UUID NOT NULL REFERENCES users(id),
    couple_id UUID NOT NULL,
    inviter_wrap BYTEA NOT NULL,
    code_wrap BYTEA NOT NULL,
    code_salt BYTEA NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

CREATE TABLE records (
    id UUID PRIMARY KEY,
    kind TEXT NOT NULL,
    author_id UUID NOT NULL REFERENCES users(id),
    couple_id UUID,
    visibility TEXT NOT NULL CHECK (visibility IN ('private', 'shared')),
    body BYTEA NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX records_by_author ON records(kind, author_id);
CREATE INDEX records_by_couple ON records(kind, couple_id);
