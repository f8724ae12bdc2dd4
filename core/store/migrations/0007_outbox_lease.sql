-- Version 7: an outbox entry being worked on is leased to one runner (the
-- window, a daemon, a `sync --once`): its host, pid and a random token made
-- when the runner started (a later process given the same pid is not the
-- owner), renewed by a heartbeat. Another runner takes the entry over only
-- once the lease has expired. attempted_at is when the remote action was
-- last tried: "may have been delivered at 12:03".

ALTER TABLE outbox ADD COLUMN owner_host   TEXT    NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN owner_pid    INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN owner_token  TEXT    NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN heartbeat_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN attempted_at INTEGER NOT NULL DEFAULT 0;

-- Runners look for the leases of others on every pass: few rows, found by
-- a small index rather than a scan of every reply ever sent.
CREATE INDEX outbox_owner ON outbox (owner_token) WHERE owner_token <> '';

-- The attempt of an entry an older Hearth tried was its last change.
UPDATE outbox SET attempted_at = updated_at WHERE state IN ('sending', 'unconfirmed', 'failed');

-- Entries left "sending" by an older Hearth have no lease to wait for: they
-- are checked against the channel, as the older one would have done. From
-- now on a sending entry always has an owner.
UPDATE outbox SET state = 'unconfirmed', not_before = updated_at WHERE state = 'sending';

-- An unconfirmed entry with no check planned (not_before 0) now waits for
-- a person; those an older Hearth left are checked once more.
UPDATE outbox SET not_before = updated_at WHERE state = 'unconfirmed' AND not_before <= 0;

-- An older Hearth failed an entry it could not find on the channel although
-- it may have been delivered: it is unconfirmed, so that Retry warns of a
-- second copy.
UPDATE outbox SET state = 'unconfirmed', not_before = 0
WHERE state = 'failed' AND last_error LIKE 'Hearth could not confirm that this reply was sent%';
