-- Quick exit ends the session on the device it was used on, unless the person turns that off.
ALTER TABLE users ADD COLUMN quick_exit_ends_session INTEGER NOT NULL DEFAULT 1;
