-- Version 10: a post target being published or checked is leased to one
-- publishing engine (the window's, a `hearth sync` daemon's, a `sync
-- --once`), as outbox entries are (version 7): its host, pid and a random
-- token made when the engine started, renewed by a heartbeat. Another
-- engine takes the target over only once that engine is gone, so two
-- engines on one workspace never publish the same target twice, and an
-- engine starting never mistakes a live one's call for a crash.

ALTER TABLE post_targets ADD COLUMN owner_host   TEXT    NOT NULL DEFAULT '';
ALTER TABLE post_targets ADD COLUMN owner_pid    INTEGER NOT NULL DEFAULT 0;
ALTER TABLE post_targets ADD COLUMN owner_token  TEXT    NOT NULL DEFAULT '';
ALTER TABLE post_targets ADD COLUMN heartbeat_at INTEGER NOT NULL DEFAULT 0;

-- Engines look for the leases of others on every pass.
CREATE INDEX post_targets_owner ON post_targets (owner_token) WHERE owner_token <> '';

-- A target an older Hearth left publishing has no lease to wait for: its
-- outcome is unknown, and it is checked against its channel.
UPDATE post_targets SET state = 'unconfirmed', error = 'Hearth stopped while publishing'
WHERE state = 'publishing';
