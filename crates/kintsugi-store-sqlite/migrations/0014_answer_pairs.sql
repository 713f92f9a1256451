-- Answers revealed after both (a day's check-in, a prompt's answer): a record may name a pair,
-- and a partner reads it only once they wrote one of the same pair in the same couple. The
-- pair names a kind of thing and a day or an item ("checkin:2026-12-06"), never words. One
-- answer per person, couple and pair.
ALTER TABLE records ADD COLUMN pair TEXT;
CREATE UNIQUE INDEX records_one_answer ON records(author_id, couple_id, pair) WHERE pair IS NOT NULL;
CREATE INDEX records_by_pair ON records(couple_id, pair) WHERE pair IS NOT NULL;
