-- A withdrawn record keeps, for the other person, a form with its author's words taken out (in
-- body); the author's own copy is sealed with their data key (own_body), read by them alone.
-- Records withdrawn before this keep no form for the other and stay hidden from them.
ALTER TABLE records ADD COLUMN own_body BYTEA;
