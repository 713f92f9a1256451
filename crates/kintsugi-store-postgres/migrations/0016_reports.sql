-- A report for a therapist (step 9): where its request stands (asked, consented, declined,
-- withdrawn), its secret links and when each was opened. No words: the request itself is a
-- sealed record; a link keeps the SHA-256 of its token, the token sealed with the couple key
-- (so both partners can copy it again) and the report as it was when the link was made,
-- sealed with a key derived from the token (only the link's holder opens it). Ending a link
-- wipes its snapshot; its opens stay listed for both.
CREATE TABLE reports (
    id UUID PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
    couple_id UUID NOT NULL REFERENCES couples(id),
    asker_id UUID NOT NULL REFERENCES users(id),
    state TEXT NOT NULL CHECK (state IN ('asked', 'consented', 'declined', 'withdrawn'))
);
CREATE TABLE report_links (
    id UUID PRIMARY KEY,
    report_id UUID NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    token_hash BYTEA NOT NULL UNIQUE,
    token_sealed BYTEA NOT NULL,
    snapshot BYTEA,
    made_by UUID NOT NULL REFERENCES users(id),
    made_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    ended_at BIGINT
);
CREATE INDEX report_links_by_report ON report_links(report_id);
CREATE TABLE report_opens (
    link_id UUID NOT NULL REFERENCES report_links(id) ON DELETE CASCADE,
    at BIGINT NOT NULL
);
CREATE INDEX report_opens_by_link ON report_opens(link_id);
