-- Version 2: what the VK and X channels add. Identities carry the profile
-- the channel gives (members are built on them), items carry public
-- reaction counts, a remote deletion mark and the VIP mark, and community
-- membership events are kept.

ALTER TABLE identities ADD COLUMN handle TEXT NOT NULL DEFAULT '';
ALTER TABLE identities ADD COLUMN photo_url TEXT NOT NULL DEFAULT '';
ALTER TABLE identities ADD COLUMN location TEXT NOT NULL DEFAULT '';
ALTER TABLE identities ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE identities ADD COLUMN bio TEXT NOT NULL DEFAULT '';
ALTER TABLE identities ADD COLUMN followers INTEGER NOT NULL DEFAULT -1;
ALTER TABLE identities ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
ALTER TABLE identities ADD COLUMN joined_at INTEGER;
ALTER TABLE identities ADD COLUMN left_at INTEGER;
ALTER TABLE identities ADD COLUMN banned_until INTEGER;
ALTER TABLE identities ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX identities_handle ON identities (handle) WHERE handle <> '';

ALTER TABLE items ADD COLUMN author_handle TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN stats TEXT;
ALTER TABLE items ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1));
ALTER TABLE items ADD COLUMN vip INTEGER NOT NULL DEFAULT 0 CHECK (vip IN (0, 1));
-- "VIP first": influential authors' items, newest first, per state.
CREATE INDEX items_vip_state_time ON items (state, created_at DESC, id DESC) WHERE vip = 1;

CREATE TABLE membership_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    identity_id INTEGER NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('join', 'leave')),
    at          INTEGER NOT NULL,
    UNIQUE (account_id, identity_id, kind, at)
);
CREATE INDEX membership_events_at ON membership_events (account_id, at);
