-- Things that arrive in the same second keep the order they arrived in: each entry is numbered
-- after the person's others when it is posted (the inbox lists newest first by time, then by
-- this number).
ALTER TABLE inbox ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
