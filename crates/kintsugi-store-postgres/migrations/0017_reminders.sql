-- Reminders (see ARCHITECTURE.md, "What a copy of the database reveals"): what each person
-- chose (which kinds, the time of day for the day's reminders, quiet hours, whether e-mail is
-- on, how the calendar titles things), the e-mail address they confirmed (an address waiting
-- for its confirmation, the HMAC input of its link and the link's hash), and the hash of their
-- calendar feed's secret address with that address sealed for them alone. No words of anyone.
CREATE TABLE reminder_settings (
    user_id UUID PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    kinds TEXT NOT NULL,
    daily_at BIGINT NOT NULL,
    quiet_from BIGINT,
    quiet_to BIGINT,
    email_on BIGINT NOT NULL DEFAULT 0,
    email TEXT,
    email_pending TEXT,
    email_nonce BYTEA,
    email_token_hash BYTEA UNIQUE,
    email_token_expires BIGINT,
    calendar_plain BIGINT NOT NULL DEFAULT 0,
    calendar_hash BYTEA UNIQUE,
    calendar_sealed BYTEA,
    version BIGINT NOT NULL DEFAULT 1,
    CHECK ((quiet_from IS NULL) = (quiet_to IS NULL))
);
-- Work for the background worker: an e-mail to send to a person, once. `key` names what it is
-- for (a kind, the person, the day or the moment), so planning it twice, on any node, plans it
-- once. A worker claims a job for a while (`claim`, `claimed_until`), sends, and marks it done
-- under that claim; a job whose claim lapsed (its worker died) is claimed again.
CREATE TABLE jobs (
    id UUID PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    run_at BIGINT NOT NULL,
    give_up_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    claim UUID,
    claimed_until BIGINT,
    last_error TEXT,
    done_at BIGINT,
    outcome TEXT
);
CREATE INDEX jobs_to_run ON jobs(done_at, run_at);
CREATE INDEX jobs_by_user ON jobs(user_id);
