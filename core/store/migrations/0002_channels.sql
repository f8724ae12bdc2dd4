-- Version 2: what the VK and X channels add. Identities carry the profile
-- the channel gives (members are built on them), items carry public
-- reaction counts, a remote deletion mark and the VIP mark, and community
-- membership events are kept.
--
-- This step runs with foreign keys off (the marker below; see migrate.go):
-- items is rebuilt, and dropping it with foreign keys on would delete every
-- row that refers to it.
-- hearth: foreign_keys off

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

-- items is rebuilt rather than altered: ADD COLUMN appends after text, and
-- lists read the new columns, so every long body would be read through its
-- overflow pages. The new columns sit before the text like the others.
CREATE TABLE items_new (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id         INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    thread_id          INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    kind               TEXT    NOT NULL CHECK (kind <> ''),
    remote_id          TEXT    NOT NULL CHECK (remote_id <> ''),
    state              TEXT    NOT NULL DEFAULT 'new'
                       CHECK (state IN ('new', 'open', 'done', 'snoozed', 'spam', 'hidden')),
    seen               INTEGER NOT NULL DEFAULT 0 CHECK (seen IN (0, 1)),
    outgoing           INTEGER NOT NULL DEFAULT 0 CHECK (outgoing IN (0, 1)),
    deleted            INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    vip                INTEGER NOT NULL DEFAULT 0 CHECK (vip IN (0, 1)),
    created_at         INTEGER NOT NULL,
    snooze_until       INTEGER,
    fts_key            INTEGER NOT NULL,
    author_identity_id INTEGER REFERENCES identities (id) ON DELETE SET NULL,
    author_name        TEXT    NOT NULL DEFAULT '',
    author_address     TEXT    NOT NULL DEFAULT '',
    author_handle      TEXT    NOT NULL DEFAULT '',
    subject            TEXT    NOT NULL DEFAULT '',
    snippet            TEXT    NOT NULL DEFAULT '',
    location           TEXT    NOT NULL DEFAULT '',
    stats              TEXT,   -- JSON core.ItemStats; NULL when all zero
    recipients         TEXT,
    attachments        TEXT,
    problems           TEXT,
    text               TEXT    NOT NULL DEFAULT '',
    UNIQUE (account_id, remote_id)
);

INSERT INTO items_new (id, account_id, thread_id, kind, remote_id, state, seen, outgoing, created_at,
    snooze_until, fts_key, author_identity_id, author_name, author_address, subject, snippet, location,
    recipients, attachments, problems, text)
SELECT id, account_id, thread_id, kind, remote_id, state, seen, outgoing, created_at,
    snooze_until, fts_key, author_identity_id, author_name, author_address, subject, snippet, location,
    recipients, attachments, problems, text
FROM items;

-- Ids are never reused: the new table takes over the old one's sequence.
DELETE FROM sqlite_sequence WHERE name = 'items_new';
UPDATE sqlite_sequence SET name = 'items_new' WHERE name = 'items';
DROP TABLE items;
ALTER TABLE items_new RENAME TO items;

-- The list indexes of version 1, each with deleted and vip appended: the
-- default view leaves deleted items out and "VIP first" splits on vip, and
-- both must be decided from the index alone, as a page never reads a row
-- it does not show.
CREATE UNIQUE INDEX items_fts_key ON items (fts_key);
CREATE INDEX items_state_time ON items (state, created_at DESC, id DESC, deleted, vip);
CREATE INDEX items_account_state_time ON items (account_id, state, created_at DESC, id DESC, deleted, vip);
CREATE INDEX items_unseen_state_time ON items (state, created_at DESC, id DESC, deleted, vip) WHERE seen = 0;
CREATE INDEX items_unseen_account_state_time ON items (account_id, state, created_at DESC, id DESC, deleted, vip)
    WHERE seen = 0;
CREATE INDEX items_kind_state_time ON items (kind, state, created_at DESC, id DESC, deleted, vip);
CREATE INDEX items_thread ON items (thread_id, created_at);
CREATE INDEX items_author ON items (author_identity_id);
-- "VIP first": influential authors' items, newest first, per state; few
-- enough that other filters may read their rows.
CREATE INDEX items_vip_state_time ON items (state, created_at DESC, id DESC, deleted, account_id) WHERE vip = 1;

-- The counts of version 1, except that a deleted item is not unread: the
-- triage view does not show it, so the unread count must not count it.
CREATE TRIGGER items_count_insert AFTER INSERT ON items BEGIN
    INSERT INTO item_counts (account_id, state, total, unseen)
    VALUES (new.account_id, new.state, 1, new.seen = 0 AND new.deleted = 0)
    ON CONFLICT (account_id, state) DO UPDATE SET
        total = total + 1, unseen = unseen + excluded.unseen;
END;

CREATE TRIGGER items_count_delete AFTER DELETE ON items BEGIN
    UPDATE item_counts SET total = total - 1, unseen = unseen - (old.seen = 0 AND old.deleted = 0)
    WHERE account_id = old.account_id AND state = old.state;
END;

CREATE TRIGGER items_count_update AFTER UPDATE OF account_id, state, seen, deleted ON items
WHEN old.account_id <> new.account_id OR old.state <> new.state OR old.seen <> new.seen
    OR old.deleted <> new.deleted BEGIN
    UPDATE item_counts SET total = total - 1, unseen = unseen - (old.seen = 0 AND old.deleted = 0)
    WHERE account_id = old.account_id AND state = old.state;
    INSERT INTO item_counts (account_id, state, total, unseen)
    VALUES (new.account_id, new.state, 1, new.seen = 0 AND new.deleted = 0)
    ON CONFLICT (account_id, state) DO UPDATE SET
        total = total + 1, unseen = unseen + excluded.unseen;
END;

CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
    DELETE FROM items_fts WHERE rowid = old.fts_key;
END;

CREATE TABLE membership_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    identity_id INTEGER NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('join', 'leave')),
    at          INTEGER NOT NULL,
    UNIQUE (account_id, identity_id, kind, at)
);
CREATE INDEX membership_events_at ON membership_events (account_id, at);
