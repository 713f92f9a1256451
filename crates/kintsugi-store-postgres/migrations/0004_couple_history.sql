-- A couple that ends becomes a read-only history both former partners can still read; each of
-- them can withdraw what they shared from it. A withdrawn record is gone for the other person.
ALTER TABLE records ADD COLUMN withdrawn_at BIGINT;
