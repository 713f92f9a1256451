-- Store safety.
-- Records carry a version; a change names the version it read, so a stale write fails instead
-- of silently overwriting (deliver vs edit, two tabs).
ALTER TABLE records ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
-- Invites are now looked up by a keyed hash and deleted, with their wrap of the couple key, when
-- used or expired. Rows made before this point (used ones still holding a wrap, pending ones
-- hashed the old way) are removed; a pending invite simply needs to be made again.
DELETE FROM invites;
-- What the app tells a person the next time they open it (for example that an administrator's
-- reset ended their couple).
CREATE TABLE notices (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX notices_by_user ON notices(user_id);
CREATE INDEX invites_by_inviter ON invites(inviter_id);
