-- The invite code, sealed with the inviter's data key, so it stays visible to them on the
-- Partner page until it is used, stopped or expires (older invites have none).
ALTER TABLE invites ADD COLUMN code_sealed BYTEA;
