-- Hearth workspace schema, version 1. Shipped migrations are never edited:
-- change the schema with a new numbered file.
-- Times are UTC unix milliseconds; JSON columns are NULL when empty.

CREATE TABLE accounts (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    kind              TEXT    NOT NULL CHECK (kind <> ''),
    name              TEXT    NOT NULL UNIQUE CHECK (name <> ''),
    settings          TEXT    NOT NULL DEFAULT '{}',
    created_at        INTEGER NOT NULL,
    sync_state        TEXT    NOT NULL DEFAULT 'idle',
    last_sync         INTEGER,
    progress_done     INTEGER NOT NULL DEFAULT 0,
    progress_total    INTEGER NOT NULL DEFAULT 0,
    status_message    TEXT    NOT NULL DEFAULT '',
    status_action     TEXT    NOT NULL DEFAULT '',
    error_count       INTEGER NOT NULL DEFAULT 0,
    next_attempt      INTEGER,
    status_updated_at INTEGER
);

CREATE TABLE sync_cursors (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    key        TEXT    NOT NULL,
    value      BLOB    NOT NULL,
    PRIMARY KEY (account_id, key)
) WITHOUT ROWID;

CREATE TABLE threads (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    key        TEXT    NOT NULL,
    subject    TEXT    NOT NULL DEFAULT '',
    last_at    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (account_id, key)
);

-- One person's address on one channel; members (later) group identities.
CREATE TABLE identities (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE, -- NULL: seen across accounts
    kind       TEXT    NOT NULL,                                    -- email, vk, x, feed
    address    TEXT    NOT NULL,
    name       TEXT    NOT NULL DEFAULT '',
    UNIQUE (kind, address)
);

-- Column order matters: text comes last so that a long body spills into
-- overflow pages that list queries never read.
CREATE TABLE items (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id         INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    thread_id          INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    kind               TEXT    NOT NULL CHECK (kind <> ''),
    remote_id          TEXT    NOT NULL CHECK (remote_id <> ''),
    state              TEXT    NOT NULL DEFAULT 'new'
                       CHECK (state IN ('new', 'open', 'done', 'snoozed', 'spam', 'hidden')),
    seen               INTEGER NOT NULL DEFAULT 0 CHECK (seen IN (0, 1)),
    outgoing           INTEGER NOT NULL DEFAULT 0 CHECK (outgoing IN (0, 1)),
    created_at         INTEGER NOT NULL,
    snooze_until       INTEGER,
    -- fts_key is the item's rowid in items_fts: created_at in the high bits,
    -- so full-text hits stream newest first without sorting the hit set.
    fts_key            INTEGER NOT NULL,
    author_identity_id INTEGER REFERENCES identities (id) ON DELETE SET NULL,
    author_name        TEXT    NOT NULL DEFAULT '',
    author_address     TEXT    NOT NULL DEFAULT '',
    subject            TEXT    NOT NULL DEFAULT '',
    snippet            TEXT    NOT NULL DEFAULT '',
    location           TEXT    NOT NULL DEFAULT '',
    recipients         TEXT,
    attachments        TEXT,
    problems           TEXT,
    text               TEXT    NOT NULL DEFAULT '',
    UNIQUE (account_id, remote_id)
);

CREATE UNIQUE INDEX items_fts_key ON items (fts_key);
-- The inbox page: one index range per state, merged by the query.
CREATE INDEX items_state_time ON items (state, created_at DESC, id DESC);
CREATE INDEX items_account_state_time ON items (account_id, state, created_at DESC, id DESC);
-- The same for the unread filter: unseen items are few, and scanning the
-- whole range of a state for them is not.
CREATE INDEX items_unseen_state_time ON items (state, created_at DESC, id DESC) WHERE seen = 0;
CREATE INDEX items_unseen_account_state_time ON items (account_id, state, created_at DESC, id DESC)
    WHERE seen = 0;
-- The kind filter ("all VK comments") across accounts.
CREATE INDEX items_kind_state_time ON items (kind, state, created_at DESC, id DESC);
CREATE INDEX items_thread ON items (thread_id, created_at);
CREATE INDEX items_author ON items (author_identity_id);

-- The original message, apart so that no list ever loads it.
CREATE TABLE item_raw (
    item_id INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
    raw     BLOB    NOT NULL
);

-- An item's ancestors (root first), for threading.
CREATE TABLE item_refs (
    item_id    INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    pos        INTEGER NOT NULL,
    account_id INTEGER NOT NULL,
    ref        TEXT    NOT NULL,
    PRIMARY KEY (item_id, pos)
) WITHOUT ROWID;
CREATE INDEX item_refs_ref ON item_refs (account_id, ref);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> '')
);

CREATE TABLE item_tags (
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    tag_id  INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX item_tags_tag ON item_tags (tag_id, item_id);

CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    item_id    INTEGER REFERENCES items (id) ON DELETE CASCADE,
    op         TEXT    NOT NULL CHECK (op <> ''),
    payload    BLOB,
    idem_key   TEXT    NOT NULL UNIQUE CHECK (idem_key <> ''),
    state      TEXT    NOT NULL DEFAULT 'queued'
               CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'unconfirmed')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT    NOT NULL DEFAULT '',
    remote_id  TEXT    NOT NULL DEFAULT '',
    not_before INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox (state, not_before);
CREATE INDEX outbox_item ON outbox (item_id);
CREATE INDEX outbox_account ON outbox (account_id);

CREATE TABLE drafts (
    item_id    INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
    text       TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Per account and state: how many items, how many of them unseen. Kept by
-- the triggers below so that counts cost the same at 1M items as at 10.
CREATE TABLE item_counts (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    state      TEXT    NOT NULL,
    total      INTEGER NOT NULL DEFAULT 0,
    unseen     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, state)
) WITHOUT ROWID;

CREATE TRIGGER items_count_insert AFTER INSERT ON items BEGIN
    INSERT INTO item_counts (account_id, state, total, unseen)
    VALUES (new.account_id, new.state, 1, new.seen = 0)
    ON CONFLICT (account_id, state) DO UPDATE SET
        total = total + 1, unseen = unseen + excluded.unseen;
END;

CREATE TRIGGER items_count_delete AFTER DELETE ON items BEGIN
    UPDATE item_counts SET total = total - 1, unseen = unseen - (old.seen = 0)
    WHERE account_id = old.account_id AND state = old.state;
END;

CREATE TRIGGER items_count_update AFTER UPDATE OF account_id, state, seen ON items
WHEN old.account_id <> new.account_id OR old.state <> new.state OR old.seen <> new.seen BEGIN
    UPDATE item_counts SET total = total - 1, unseen = unseen - (old.seen = 0)
    WHERE account_id = old.account_id AND state = old.state;
    INSERT INTO item_counts (account_id, state, total, unseen)
    VALUES (new.account_id, new.state, 1, new.seen = 0)
    ON CONFLICT (account_id, state) DO UPDATE SET
        total = total + 1, unseen = unseen + excluded.unseen;
END;

-- Full-text index of subject, body and author. Contentless: the text lives
-- in items only; the store writes folded text (ё -> е) here in the same
-- transaction as the item, keyed by items.fts_key.
CREATE VIRTUAL TABLE items_fts USING fts5 (
    subject, body, author,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Every term the index has ever held, exactly as the tokenizer made it.
-- A person's bare word is a prefix; FTS5 answers "word"* by merging the
-- doclists of all matching terms before it returns the first hit, which
-- costs tens of milliseconds for a common word at a million items. The store
-- looks the prefix up here instead and asks for ("term1" OR "term2" ...),
-- which FTS5 streams newest first. Terms are never removed: a stale term
-- only matches nothing.
CREATE TABLE fts_terms (
    term TEXT PRIMARY KEY
) WITHOUT ROWID;

-- Deletions (including account cascades) must not leave index rows behind.
CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
    DELETE FROM items_fts WHERE rowid = old.fts_key;
END;
