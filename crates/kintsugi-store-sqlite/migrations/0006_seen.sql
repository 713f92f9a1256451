-- What a person has seen of what was sent to them (their inbox clears as they read). Private
-- to them: nothing here is ever shown to the partner (no read receipts).
CREATE TABLE seen (
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    item_id BLOB NOT NULL,
    seen_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, item_id)
);
