-- Reminders (see ARCHITECTURE.md, "What a copy of the database reveals"): what each person
-- chose (which kinds, the time of day for the day's reminders, quiet hours, whether e-mail is
-- on, how the calendar titles things), the e-mail address they confirmed (an address waiting
-- for its confirmation, the HMAC input of its link and the link's hash), and the hash of their
-- calendar feed's secret address with that address sealed for them alone. No words of anyone.
CREATE TABLE reminder_settings (
    user_id BLOB PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    kinds TEXT NOT NULL,
    daily_at INTEGER NOT NULL,
    quiet_from INTEGER,
    quiet_to INTEGER,
    email_on INTEGER NOT NULL DEFAULT 0,
    email TEXT,
    email_pending TEXT,
    email_nonce BLOB,
    email_token_hash BLOB UNIQUE,
    email_token_expires INTEGER,
    calendar_plain INTEGER NOT NULL DEFAULT 0,
    calendar_hash BLOB UNIQUE,
    calendar_sealed BLOB,
    version INTEGER NOT NULL DEFAULT 1,
    CHECK ((quiet_from IS NULL) = (quiet_to IS NULL))
);
-- Work for the background worker: an e-mail to send to a person, once. `key` names what it is
-- for (a kind, the person, the day or the moment), so planning it twice, on any node, plans it
-- once. A worker claims a job for a while (`claim`, `claimed_until`), sends, and marks it done
-- under that claim; a job whose claim lapsed (its worker died) is claimed again.
CREATE TABLE jobs (
    id BLOB PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    run_at INTEGER NOT NULL,
    give_up_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    claim BLOB,
    claimed_until INTEGER,
    last_error TEXT,
    done_at INTEGER,
    outcome TEXT
);
CREATE INDEX jobs_to_run ON jobs(done_at, run_at);
CREATE INDEX jobs_by_user ON jobs(user_id);
